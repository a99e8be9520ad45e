package app.kftray.launcher.cli;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;

/** What a person reads when a forward started: {@code web: 127.0.0.1:8080 -> pod web-1:80}. */
final class ProgressLine {
    private ProgressLine() {
    }

    static String running(ForwardConfig config, ForwardState state) {
        ForwardView view = new ForwardView(config, state);
        return config.displayName() + ": " + view.local() + " -> " + view.destination();
    }

    static String failed(ForwardConfig config, String error) {
        return "forward '" + config.displayName() + "' failed: " + (error == null ? "unknown error" : error);
    }
}
