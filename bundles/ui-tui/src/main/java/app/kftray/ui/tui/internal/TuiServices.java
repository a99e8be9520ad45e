package app.kftray.ui.tui.internal;

import app.kftray.api.ConfigStore;
import app.kftray.api.ForwardManager;
import app.kftray.api.HttpLogReader;
import app.kftray.api.StateStore;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The runtime services the terminal UI works with (those the desktop app uses), plus where
 * blocking calls go.
 *
 * @param forwards    runs forwards in this process
 * @param configs     saved definitions, shared by every kftray process
 * @param states      runtime state of every process
 * @param httpLogs    HTTP log reader for the log pane
 * @param worker      runs store and engine calls off the UI thread
 * @param environment the process environment ({@code NO_COLOR}, the working directory for files)
 */
record TuiServices(ForwardManager forwards, ConfigStore configs, StateStore states, HttpLogReader httpLogs,
                   Executor worker, Map<String, String> environment) {
}
