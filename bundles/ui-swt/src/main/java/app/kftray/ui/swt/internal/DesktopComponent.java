package app.kftray.ui.swt.internal;

import app.kftray.api.HostsHelper;
import app.kftray.api.ConfigDiscovery;
import app.kftray.api.ConfigListener;
import app.kftray.api.ConfigStore;
import app.kftray.api.ConfigSync;
import app.kftray.api.ForwardListener;
import app.kftray.api.ForwardManager;
import app.kftray.api.HttpLogReader;
import app.kftray.api.KftrayHome;
import app.kftray.api.KubeAccess;
import app.kftray.api.NetworkRuntime;
import app.kftray.api.StateStore;
import app.kftray.api.model.ConfigChange;
import app.kftray.api.model.ForwardEvent;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop app as a component: owns the UI thread, the worker for blocking calls and the
 * {@link DesktopExtension extensions} fragments of this bundle add (the tests' automation hook,
 * configured by {@link AutomationConfiguration}). Deactivating it (bundle stop or uninstall)
 * disposes the UI; forwards keep running in the engine. Without a display the UI thread logs
 * why and ends; the runtime carries on.
 */
@Component(immediate = true, service = {ForwardListener.class, ConfigListener.class},
        configurationPid = AutomationConfiguration.PID)
@Designate(ocd = AutomationConfiguration.class)
public final class DesktopComponent implements ForwardListener, ConfigListener {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopComponent.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final ExecutorService worker;
    private final UiThread ui;
    private final DesktopExtensions extensions;
    private volatile Desktop desktop;
    /** The privileged helper's client, when installed; the framework sets and clears it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile HostsHelper hostsHelper;
    /** Git sync, when its bundle is installed; the framework sets and clears it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConfigSync configSync;
    /** Auto-import, when its bundle is installed; the framework sets and clears it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConfigDiscovery configDiscovery;

    /**
     * @param context    the bundle context (framework properties, quit)
     * @param automation settings of the automation hook, for the extension that adds it
     * @param forwards   the engine
     * @param configs    saved definitions
     * @param states     shared runtime state
     * @param kube       cluster discovery
     * @param httpLogs   HTTP log reader
     * @param network    the shared event loops (for extensions)
     */
    @Activate
    public DesktopComponent(BundleContext context, AutomationConfiguration automation,
                            @Reference ForwardManager forwards, @Reference ConfigStore configs,
                            @Reference StateStore states, @Reference KubeAccess kube,
                            @Reference HttpLogReader httpLogs, @Reference NetworkRuntime network) {
        worker = newWorker();
        KftrayHome home = KftrayHome.resolve(context::getProperty, System.getenv());
        SwtNatives.prepare(context, home.directory().resolve("swt"));
        String distribution = context.getProperty("kftray.dist");
        UiServices services = new UiServices(forwards, configs, states, kube, httpLogs, () -> hostsHelper, worker, home,
                () -> stopFramework(context), System.getenv(),
                distribution == null ? null : java.nio.file.Path.of(distribution, "bin", "kftray"),
                () -> configSync, () -> configDiscovery);
        ui = new UiThread("kftray-ui", display -> {
            desktop = new Desktop(display, services);
            return desktop;
        });
        ui.start();
        extensions = DesktopExtensions.start(
                new DesktopSession(ui, () -> desktop, () -> restart(context.getBundle()), network, automation));
    }

    @Override
    public void forwardEvent(ForwardEvent event) {
        Desktop current = desktop;
        if (current != null) {
            ui.post(() -> current.onForwardEvent(event));
        }
    }

    @Override
    public void configChanged(ConfigChange change) {
        Desktop current = desktop;
        if (current != null) {
            ui.post(() -> current.onConfigChange(change));
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        extensions.close();
        ui.stop(STOP_TIMEOUT);
        desktop = null;
        worker.shutdownNow();
        LOG.info("desktop UI stopped; forwards keep running");
    }

    private static ExecutorService newWorker() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "kftray-ui-worker-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Stops and starts this bundle from another thread: stopping waits for this component. */
    private static void restart(org.osgi.framework.Bundle bundle) {
        new Thread(() -> {
            try {
                bundle.stop();
                bundle.start();
            } catch (BundleException | IllegalStateException e) {
                LOG.warn("restarting the desktop UI bundle failed: {}", e.getMessage());
            }
        }, "kftray-ui-restart").start();
    }

    /** The tray's Quit: stop the whole runtime, off the UI thread (stopping waits for this component). */
    private static void stopFramework(BundleContext context) {
        Thread stopper = new Thread(() -> {
            try {
                context.getBundle(0).stop();
            } catch (BundleException | IllegalStateException e) {
                LOG.warn("quit failed: {}", e.getMessage());
            }
        }, "kftray-quit");
        stopper.start();
    }
}
