package app.kftray.ui.swt.internal;

import app.kftray.api.ConfigStore;
import app.kftray.api.ForwardManager;
import app.kftray.api.HttpLogReader;
import app.kftray.api.KftrayHome;
import app.kftray.api.KubeAccess;
import app.kftray.api.StateStore;
import java.util.concurrent.Executor;

/**
 * The runtime services the desktop UI works with, plus where blocking calls go.
 *
 * @param forwards  runs forwards in this process
 * @param configs   saved definitions
 * @param states    shared runtime state of every process
 * @param kube      cluster discovery for the dialog
 * @param httpLogs  HTTP log tails for the details pane
 * @param worker    runs store and cluster calls off the UI thread
 * @param home      the kftray home (HTTP logs live below it)
 * @param quit      stops the whole runtime (tray menu "Quit")
 */
record UiServices(ForwardManager forwards, ConfigStore configs, StateStore states, KubeAccess kube,
                  HttpLogReader httpLogs, Executor worker, KftrayHome home, Runnable quit) {
}
