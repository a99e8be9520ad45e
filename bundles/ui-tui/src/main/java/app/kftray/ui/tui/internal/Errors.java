package app.kftray.ui.tui.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** One line for the user from whatever a call threw. */
final class Errors {
    private Errors() {
    }

    static String message(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message.lines().findFirst()
                .orElse(message);
    }
}
