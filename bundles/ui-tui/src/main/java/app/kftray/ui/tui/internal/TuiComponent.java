package app.kftray.ui.tui.internal;

import app.kftray.api.ConfigListener;
import app.kftray.api.ConfigStore;
import app.kftray.api.ForwardListener;
import app.kftray.api.ForwardManager;
import app.kftray.api.HttpLogReader;
import app.kftray.api.StateStore;
import app.kftray.api.model.ConfigChange;
import app.kftray.api.model.ForwardEvent;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal.CtrlCBehaviour;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal UI as a component: takes over this process's terminal when there is one, and
 * hears the engine's events and the definitions' changes (other processes' too) as the desktop
 * app does. Quitting the UI stops the runtime; stopping the bundle gives the terminal back and
 * leaves forwards running.
 */
@Component(immediate = true, service = {ForwardListener.class, ConfigListener.class})
public final class TuiComponent implements ForwardListener, ConfigListener {
    private static final Logger LOG = LoggerFactory.getLogger(TuiComponent.class);
    private static final long STATE_REFRESH_MILLIS = 1000;
    private static final long STOP_TIMEOUT_MILLIS = 3000;

    private final ExecutorService worker;
    private final ScheduledExecutorService timer;
    private final TuiApp app;
    private final Thread thread;
    private volatile boolean deactivating;

    /**
     * @param context  the bundle context (to stop the runtime on quit)
     * @param forwards the engine
     * @param configs  saved definitions
     * @param states   shared runtime state
     * @param httpLogs HTTP log reader
     */
    @Activate
    public TuiComponent(BundleContext context, @Reference ForwardManager forwards, @Reference ConfigStore configs,
                        @Reference StateStore states, @Reference HttpLogReader httpLogs) {
        worker = newWorker();
        timer = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "kftray-tui-timer"));
        app = new TuiApp(new TuiServices(forwards, configs, states, httpLogs, worker, System.getenv()));
        thread = new Thread(() -> run(context), "kftray-tui");
        if (System.console() == null) {
            LOG.warn("terminal UI inactive: this process has no interactive terminal (run 'kftray tui' in one)");
            return;
        }
        thread.start();
        timer.scheduleWithFixedDelay(app::watchStates, STATE_REFRESH_MILLIS, STATE_REFRESH_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private void run(BundleContext context) {
        try {
            app.run(new UnixTerminal(System.in, System.out, StandardCharsets.UTF_8, CtrlCBehaviour.TRAP));
            if (!deactivating) {
                LOG.info("terminal UI closed by the user");
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("terminal UI failed: {}", e.toString(), e);
            System.err.println("kftray tui: the terminal UI failed: " + Errors.message(e));
        } finally {
            // the user quit, or the UI failed: the runtime ends with it; a stopped bundle leaves it running
            if (!deactivating) {
                stopFramework(context);
            }
        }
    }

    @Override
    public void forwardEvent(ForwardEvent event) {
        app.onForwardEvent(event);
    }

    @Override
    public void configChanged(ConfigChange change) {
        app.onConfigChange(change);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        deactivating = true;
        timer.shutdownNow();
        app.stop();
        if (thread.isAlive() && thread != Thread.currentThread()) {
            thread.join(STOP_TIMEOUT_MILLIS);
        }
        worker.shutdownNow();
        LOG.info("terminal UI stopped");
    }

    private static ExecutorService newWorker() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> daemon(task, "kftray-tui-worker-" + count.incrementAndGet()));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Quit: stops the whole runtime from a thread of its own (stopping waits for this component). */
    private static void stopFramework(BundleContext context) {
        new Thread(() -> {
            try {
                context.getBundle(0).stop();
            } catch (BundleException | IllegalStateException e) {
                LOG.warn("quit failed: {}", e.getMessage());
            }
        }, "kftray-quit").start();
    }
}
