package app.kftray.ui.swt.internal;

import app.kftray.api.ConfigDiscovery;
import app.kftray.api.ConfigStore;
import app.kftray.api.ConfigSync;
import app.kftray.api.ForwardManager;
import app.kftray.api.HostsHelper;
import app.kftray.api.HttpLogReader;
import app.kftray.api.KftrayHome;
import app.kftray.api.KubeAccess;
import app.kftray.api.StateStore;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The runtime services the desktop UI works with, plus where blocking calls go.
 *
 * @param forwards  runs forwards in this process
 * @param configs   saved definitions
 * @param states    shared runtime state of every process
 * @param kube      cluster discovery for the dialog
 * @param httpLogs  HTTP log tails for the details pane
 * @param hostsHelper the privileged helper's client, or {@code null} while none is installed
 * @param worker    runs store and cluster calls off the UI thread
 * @param home      the kftray home (HTTP logs live below it)
 * @param quit      stops the whole runtime (tray menu "Quit")
 * @param environment the process environment (XDG directories)
 * @param launcher  the kftray start script of this installation, {@code null} if unknown
 * @param sync      Git sync, or {@code null} while its bundle is not installed
 * @param discovery auto-import from cluster annotations, or {@code null} while its bundle is not installed
 */
record UiServices(ForwardManager forwards, ConfigStore configs, StateStore states, KubeAccess kube,
                  HttpLogReader httpLogs, Supplier<HostsHelper> hostsHelper, Executor worker, KftrayHome home,
                  Runnable quit, java.util.Map<String, String> environment, java.nio.file.Path launcher,
                  Supplier<ConfigSync> sync, Supplier<ConfigDiscovery> discovery) {

    /** @return one line on the helper that hosts entries and own addresses need; blocks, so off the UI thread */
    String describeHelper() {
        HostsHelper helper = hostsHelper.get();
        return helper == null ? "the kftray helper client bundle is not installed" : helper.describe();
    }
}
