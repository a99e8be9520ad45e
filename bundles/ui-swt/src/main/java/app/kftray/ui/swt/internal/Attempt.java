package app.kftray.ui.swt.internal;

import app.kftray.api.KftrayException;
import java.util.function.Supplier;

/**
 * A blocking service call's value, or its one-line error for the user, so a dialog can show the
 * error next to its inputs rather than in the main window.
 *
 * @param value the value, {@code null} on error
 * @param error the message, {@code null} on success
 */
record Attempt<T>(T value, String error) {

    /**
     * @param call a blocking call to a service
     * @return its value, or the message of the error a user can act on (bad input, cluster, sync)
     */
    static <T> Attempt<T> of(Supplier<T> call) {
        try {
            return new Attempt<>(call.get(), null);
        } catch (KftrayException | IllegalArgumentException e) {
            return new Attempt<>(null, e.getMessage());
        }
    }
}
