package app.kftray.ui.swt.internal;

import app.kftray.api.model.ConfigChange;
import app.kftray.api.model.ForwardEvent;
import app.kftray.api.model.ForwardState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.Tray;
import org.eclipse.swt.widgets.TrayItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole desktop UI on the UI thread: tray icon and menu, main window, notifications,
 * and the model they show. Created by {@link UiThread} once the display is open.
 */
final class Desktop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Desktop.class);
    private static final int REFRESH_MILLIS = 1000;

    private final Display display;
    private final UiServices services;
    private final ForwardsModel model = new ForwardsModel();
    private final TrayIcons icons;
    private final TrayItem trayItem;
    private final DesktopActions actions;
    private final MainWindow window;
    private final Notifier notifier;
    private final TrayMenu trayMenu;
    private final LogViewers logViewers;
    private final Runnable refreshTimer = this::refreshStates;

    Desktop(Display display, UiServices services) {
        this.display = display;
        this.services = services;
        Display.setAppName("kftray");
        icons = new TrayIcons(display);
        actions = new DesktopActions(this, services);
        window = new MainWindow(display, actions);
        window.shell().setImage(icons.image(OverallStatus.NONE_RUNNING));
        logViewers = new LogViewers(this, services);
        restoreGeometry();
        Tray tray = display.getSystemTray();
        trayItem = tray == null ? null : new TrayItem(tray, SWT.NONE);
        trayMenu = new TrayMenu(window.shell(), actions);
        if (trayItem != null) {
            WidgetIds.name(trayItem, "tray");
            trayItem.setImage(icons.image(OverallStatus.NONE_RUNNING));
            trayItem.addListener(SWT.Selection, e -> window.open());
            trayItem.addListener(SWT.MenuDetect, e -> trayMenu.show(model.rows(), null));
        }
        notifier = new Notifier(window.shell(), trayItem);
        if (!TrayHost.likelyVisible(trayItem != null, services.environment())) {
            LOG.info("no system tray host detected: showing the kftray window");
            window.open();
        }
        reloadConfigs();
        display.timerExec(REFRESH_MILLIS, refreshTimer);
        LOG.info("desktop UI started (tray icon {})", trayItem == null ? "unavailable" : "shown");
    }

    Display display() {
        return display;
    }

    MainWindow window() {
        return window;
    }

    TrayMenu trayMenu() {
        return trayMenu;
    }

    ForwardsModel model() {
        return model;
    }

    Notifier notifier() {
        return notifier;
    }

    DesktopActions actions() {
        return actions;
    }

    LogViewers logViewers() {
        return logViewers;
    }

    TrayIcons icons() {
        return icons;
    }

    /** @return the tray item, or {@code null} where there is no tray */
    TrayItem trayItem() {
        return trayItem;
    }

    /** Puts the window where it was last time, and remembers where the user moves it. */
    private void restoreGeometry() {
        async(() -> services.configs().setting(WindowGeometry.KEY), stored -> {
            stored.flatMap(text -> WindowGeometry.parse(text, display.getBounds())).ifPresent(window::restore);
            window.onBoundsChanged(bounds -> {
                String text = WindowGeometry.format(bounds);
                async(() -> {
                    services.configs().putSetting(WindowGeometry.KEY, text);
                    return text;
                }, saved -> LOG.debug("window bounds {} remembered", saved), "remembering the window's place");
            });
        }, "reading the window's last place");
    }

    /** @param event an engine event (on the UI thread) */
    void onForwardEvent(ForwardEvent event) {
        model.notice(event).ifPresent(notice -> notifier.notify(notice.subject(), notice.message(), notice.problem()));
        refresh();
    }

    /** @param change a definition changed here or in another process (on the UI thread) */
    void onConfigChange(ConfigChange change) {
        if (change.kind() == ConfigChange.Kind.DELETED) {
            model.removeConfig(change.configId());
            refresh();
            return;
        }
        async(() -> services.configs().get(change.configId()), found -> {
            found.ifPresentOrElse(model::putConfig, () -> model.removeConfig(change.configId()));
            refresh();
        }, "reading forward " + change.configId());
    }

    /** Redraws the table, tray icon and tooltip from the model. */
    void refresh() {
        if (display.isDisposed()) {
            return;
        }
        window.show(model.rows());
        window.showDetails();
        OverallStatus overall = model.overall();
        if (trayItem != null && !trayItem.isDisposed()) {
            trayItem.setImage(icons.image(overall));
            trayItem.setToolTipText("kftray: " + overall.description());
        }
        if (!window.shell().isDisposed()) {
            window.shell().setImage(icons.image(overall));
        }
    }

    /**
     * @param message what happened
     * @param error   whether it is a problem
     */
    void feedback(String message, boolean error) {
        window.setStatus(message);
        if (error) {
            notifier.show(message, true);
        }
    }

    /**
     * Runs a blocking call on the worker and hands its result to the UI thread.
     *
     * @param work    the call
     * @param onUi    receives the result on the UI thread
     * @param what    names the call in an error message
     */
    <T> void async(Supplier<T> work, Consumer<T> onUi, String what) {
        CompletableFuture.supplyAsync(work, services.worker()).whenComplete((result, error) -> post(() -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                feedback("Error " + what + ": " + cause.getMessage(), true);
            } else {
                onUi.accept(result);
            }
        }));
    }

    /** @param work runs on the UI thread unless the UI is gone */
    void post(Runnable work) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!display.isDisposed()) {
                    work.run();
                }
            });
        }
    }

    private void reloadConfigs() {
        async(() -> services.configs().list(), configs -> {
            model.setConfigs(configs);
            refresh();
        }, "loading forwards");
    }

    /** Counters and states of other processes change without events; read them each second. */
    private void refreshStates() {
        if (display.isDisposed()) {
            return;
        }
        List<Long> local = model.activeIds();
        CompletableFuture.supplyAsync(() -> {
            List<ForwardState> latest = new ArrayList<>(services.states().list());
            local.forEach(id -> latest.add(services.forwards().status(id)));
            latest.addAll(services.forwards().running());
            return latest;
        }, services.worker()).whenComplete((latest, error) -> post(() -> {
            if (error != null) {
                LOG.debug("state refresh failed: {}", error.toString());
            } else {
                model.mergeStates(latest);
                refresh();
            }
            display.timerExec(REFRESH_MILLIS, refreshTimer);
        }));
    }

    Menu currentTrayMenu() {
        return trayMenu.current();
    }

    @Override
    public void close() {
        logViewers.close();
        trayMenu.dispose();
        window.dispose();
        if (trayItem != null && !trayItem.isDisposed()) {
            trayItem.dispose();
        }
        icons.close();
    }
}
