package app.kftray.ui.swt.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.swt.SWTError;
import org.eclipse.swt.widgets.Display;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that owns the SWT {@link Display} and runs its event loop. Every widget is
 * created and touched on it; other threads hand work over with {@link #post(Runnable)}.
 * When no display can be opened the thread logs why and ends, and posts are dropped.
 */
final class UiThread {
    private static final Logger LOG = LoggerFactory.getLogger(UiThread.class);

    private final Thread thread;
    private final CountDownLatch opened = new CountDownLatch(1);
    private volatile Display display;
    private volatile boolean stopping;

    /**
     * @param name    thread name
     * @param content builds the UI once the display is open; returns what to dispose at the end
     */
    UiThread(String name, Function<Display, AutoCloseable> content) {
        thread = new Thread(() -> run(content), name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * @param timeout how long to wait for the display
     * @return whether the UI is up (false when there is no display)
     */
    boolean awaitOpened(Duration timeout) throws InterruptedException {
        return opened.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && display != null;
    }

    /** @param work runs on the UI thread soon; dropped when the UI is gone */
    void post(Runnable work) {
        Display current = display;
        if (current == null || current.isDisposed()) {
            return;
        }
        try {
            current.asyncExec(work);
        } catch (org.eclipse.swt.SWTException disposedMeanwhile) {
            LOG.debug("UI gone, dropped work: {}", disposedMeanwhile.getMessage());
        }
    }

    /**
     * Runs work on the UI thread and waits for its result (for the automation hook).
     *
     * @param work    what to compute
     * @param timeout how long to wait
     * @return its result
     */
    <T> T call(Supplier<T> work, Duration timeout) throws Exception {
        if (display == null || display.isDisposed()) {
            throw new IllegalStateException("the desktop UI is not running");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        post(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
        }
    }

    /** Disposes the UI and waits for the thread to end. */
    void stop(Duration timeout) throws InterruptedException {
        stopping = true;
        Display current = display;
        if (current != null && !current.isDisposed()) {
            try {
                current.wake();
            } catch (org.eclipse.swt.SWTException alreadyGone) {
                // the loop already ended
            }
        }
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            LOG.warn("the desktop UI thread did not end within {} ms", timeout.toMillis());
        }
    }

    private void run(Function<Display, AutoCloseable> content) {
        Display created;
        try {
            created = new Display();
        } catch (SWTError | LinkageError e) {
            LOG.warn("desktop UI inactive: no display could be opened ({}); set DISPLAY to an X server or run"
                    + " with --headless. Forwards keep running.", e.getMessage());
            opened.countDown();
            return;
        }
        display = created;
        AutoCloseable ui = null;
        try {
            ui = content.apply(created);
            opened.countDown();
            while (!stopping && !created.isDisposed()) {
                if (!created.readAndDispatch()) {
                    created.sleep();
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("desktop UI failed: {}", e.toString(), e);
        } finally {
            opened.countDown();
            closeQuietly(ui);
            display = null;
            if (!created.isDisposed()) {
                created.dispose();
            }
        }
    }

    private static void closeQuietly(AutoCloseable ui) {
        if (ui == null) {
            return;
        }
        try {
            ui.close();
        } catch (Exception e) {
            LOG.warn("error while closing the desktop UI: {}", e.toString());
        }
    }
}
