package app.kftray.ui.tui.internal;

import app.kftray.api.model.ConfigChange;
import app.kftray.api.model.ForwardEvent;
import app.kftray.api.model.ForwardStatus;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.ExtendedTerminal;
import com.googlecode.lanterna.terminal.MouseCaptureMode;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal UI's thread: it owns the screen and the {@link Session}, runs the work other
 * threads post (keys from the input thread, events, results of store calls) and redraws after
 * each batch. Nothing here waits on the cluster or the store; those calls run on the worker. The
 * terminal is restored however the loop ends.
 */
final class TuiApp implements Actions.Ui {
    private static final Logger LOG = LoggerFactory.getLogger(TuiApp.class);

    private final BlockingQueue<BooleanSupplier> queue = new LinkedBlockingQueue<>();
    private final Session session;
    private final Actions actions;
    private final MainKeys keys;
    private final Palette palette;
    private volatile boolean running = true;
    private boolean dirty;
    private Long shownCursor;
    private ForwardStatus shownStatus;

    TuiApp(TuiServices services) {
        session = new Session(new LogFollower(services.httpLogs(), services.worker(), this::post));
        actions = new Actions(services, session, this);
        keys = new MainKeys(session, actions, services);
        palette = Palette.of(services.environment());
    }

    @Override
    public void post(Runnable work) {
        queue.add(() -> {
            work.run();
            return true;
        });
    }

    @Override
    public void postChecked(BooleanSupplier work) {
        queue.add(work);
    }

    /** @param event an engine event of this process */
    void onForwardEvent(ForwardEvent event) {
        post(() -> session.forwards.apply(event).ifPresent(line -> session.say(line,
                event.state().status() != ForwardStatus.RUNNING)));
    }

    /** @param change a definition changed here or in another process */
    void onConfigChange(ConfigChange change) {
        post(() -> {
            if (change.kind() == ConfigChange.Kind.DELETED) {
                session.forwards.remove(change.configId());
            } else {
                actions.reloadConfig(change.configId());
            }
        });
    }

    /**
     * Reads the shared states (other processes' forwards and counters) on the calling thread; the UI
     * thread wakes, and redraws, only when something changed.
     */
    void watchStates() {
        actions.watchStates();
    }

    /** Ends the loop (from any thread). */
    void stop() {
        running = false;
        queue.add(() -> false);
    }

    /**
     * Runs the UI on {@code terminal} until the user quits or {@link #stop()} is called.
     *
     * @param terminal a text terminal; closed at the end
     */
    void run(Terminal terminal) throws IOException {
        TerminalScreen screen = new TerminalScreen(terminal);
        try {
            screen.startScreen();
            screen.setCursorPosition(null);
            if (terminal instanceof ExtendedTerminal extended) {
                extended.setMouseCaptureMode(MouseCaptureMode.CLICK_RELEASE);
            }
            terminal.addResizeListener((t, size) -> post(() -> { }));
            startInput(screen);
            actions.load();
            redraw(screen);
            loop(screen);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = false;
            session.log.stop();
            restore(screen, terminal);
        }
    }

    private void loop(Screen screen) throws InterruptedException, IOException {
        while (running) {
            BooleanSupplier task = queue.poll(1, TimeUnit.DAYS);
            while (task != null && running) {
                runSafely(task);
                task = queue.poll();
            }
            if (running) {
                followSelection();
                if (dirty) {
                    dirty = false;
                    redraw(screen);
                }
            }
        }
    }

    private void runSafely(BooleanSupplier task) {
        try {
            dirty |= task.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.error("terminal UI task failed", e);
            session.say("Internal error: " + Errors.message(e) + " (details in the log)", true);
            dirty = true;
        }
    }

    /** Loads the history of the forward under the cursor, and follows its log while that pane shows. */
    private void followSelection() {
        session.visible();
        Long cursor = session.table.cursor().orElse(null);
        ForwardStatus status = session.selected().map(r -> r.state().status()).orElse(null);
        if (!Objects.equals(cursor, shownCursor) || status != shownStatus) {
            shownCursor = cursor;
            shownStatus = status;
            if (cursor != null) {
                actions.loadHistory(cursor);
            }
        }
        if (session.pane == Session.Pane.LOG) {
            session.log.follow(cursor);
        }
    }

    private void redraw(Screen screen) throws IOException {
        boolean resized = screen.doResizeIfNecessary() != null;
        TerminalSize size = screen.getTerminalSize();
        MainScreen.draw(new Canvas(screen.newTextGraphics(), palette, size), session);
        screen.refresh(resized ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
    }

    private void onKey(KeyStroke key) {
        Overlay overlay = session.overlay;
        if (overlay != null && key.getKeyType() != KeyType.EOF) {
            if (!overlay.key(key) && session.overlay == overlay) {
                session.overlay = null;
            }
        } else if (!keys.handle(key)) {
            stop();
        }
    }

    private void startInput(Screen screen) {
        Thread input = new Thread(() -> {
            try {
                while (running) {
                    KeyStroke key = screen.readInput();
                    if (key != null) {
                        post(() -> onKey(key));
                        if (key.getKeyType() == KeyType.EOF) {
                            return;
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    LOG.warn("reading the terminal failed: {}", e.toString());
                    stop();
                }
            }
        }, "kftray-tui-input");
        input.setDaemon(true);
        input.start();
    }

    private static void restore(TerminalScreen screen, Terminal terminal) {
        try {
            if (terminal instanceof ExtendedTerminal extended) {
                extended.setMouseCaptureMode(null);
            }
            screen.stopScreen(false);
        } catch (IOException | RuntimeException e) {
            LOG.warn("restoring the terminal failed: {}", e.toString());
        } finally {
            try {
                terminal.close();
            } catch (IOException e) {
                LOG.debug("closing the terminal: {}", e.toString());
            }
        }
    }
}
