package app.kftray.ui.swt.internal;

import app.kftray.api.HttpLogReader;
import app.kftray.api.model.ForwardState;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.swt.program.Program;

/**
 * What the user can do from the tray menu and the window. Calls into the runtime run off
 * the UI thread; results come back as model updates, events and feedback.
 */
final class DesktopActions {
    private static final int HTTP_LOG_TAIL = 10;

    private final Desktop desktop;
    private final UiServices services;
    private final ConfigTransfer transfer;

    DesktopActions(Desktop desktop, UiServices services) {
        this.desktop = desktop;
        this.services = services;
        this.transfer = new ConfigTransfer(desktop, services.configs());
    }

    ConfigTransfer transfer() {
        return transfer;
    }

    void openWindow() {
        desktop.window().open();
    }

    void refreshWindow() {
        desktop.window().show(desktop.model().rows());
    }

    void start(long id) {
        track(name(id), "Starting", () -> services.forwards().start(id));
    }

    void stop(long id) {
        track(name(id), "Stopping", () -> services.forwards().stop(id));
    }

    /** Starts a stopped or failed forward, stops an active one. */
    void toggle(long id) {
        boolean active = desktop.model().row(id).map(r -> r.state().status().isActive()).orElse(false);
        if (active) {
            stop(id);
        } else {
            start(id);
        }
    }

    void startAll() {
        desktop.async(() -> services.forwards().startAll(), stage -> desktop.feedback("Starting all forwards…", false),
                "starting all forwards");
    }

    void stopAll() {
        desktop.async(() -> services.forwards().stopAll(), stage -> desktop.feedback("Stopping all forwards…", false),
                "stopping all forwards");
    }

    /** Asks before deleting; running forwards are stopped first. */
    void confirmDelete(List<Long> ids) {
        String what = ids.size() == 1 ? "the forward '" + name(ids.get(0)) + "'" : ids.size() + " forwards ("
                + ids.stream().map(this::name).collect(java.util.stream.Collectors.joining(", ")) + ")";
        ConfirmDialog.open(desktop.window().shell(), "Delete forward" + (ids.size() == 1 ? "" : "s"),
                "Delete " + what + "? Running forwards are stopped first.", () -> ids.forEach(this::delete));
    }

    private void delete(long id) {
        String name = name(id);
        desktop.async(() -> {
            services.forwards().stop(id).toCompletableFuture().join();
            return services.configs().delete(id);
        }, deleted -> {
            desktop.model().removeConfig(id);
            desktop.refresh();
            desktop.feedback(deleted ? "Deleted " + name + "." : name + " was already deleted.", false);
        }, "deleting " + name);
    }

    void openSettings() {
        new SettingsDialog(desktop, services).open();
    }

    /** Opens (or raises) the HTTP log viewer of a forward. */
    void openHttpLog(long id) {
        desktop.model().row(id).ifPresent(row -> desktop.logViewers().open(row));
    }

    /** @param id the forward to edit, or {@code null} for a new one */
    void openEditor(Long id) {
        new ConfigDialog(desktop, services, id == null ? null : desktop.model().row(id).map(ForwardRow::config)
                .orElse(null)).open();
    }


    void openHttpLogsFolder() {
        java.nio.file.Path folder = services.home().httpLogs();
        desktop.async(() -> {
            try {
                return Files.createDirectories(folder);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, created -> {
            if (!Program.launch(created.toString())) {
                desktop.feedback("No file manager to open " + created + "; open it yourself.", true);
            }
        }, "opening the HTTP logs folder");
    }

    void importWithDialog() {
        transfer.importWithDialog(desktop.window().shell());
    }

    void exportWithDialog() {
        transfer.exportWithDialog(desktop.window().shell());
    }

    void quit() {
        services.quit().run();
    }

    /**
     * @param id      a forward
     * @param display receives the details text on the UI thread
     */
    void loadDetails(long id, Consumer<String> display) {
        desktop.model().row(id).ifPresent(row -> desktop.async(() -> DetailsText.of(row, httpTail(row)), display,
                "reading details of " + row.config().displayName()));
    }

    private List<app.kftray.api.model.HttpExchangeRecord> httpTail(ForwardRow row) {
        if (!row.config().httpLogsEnabled()) {
            return List.of();
        }
        return services.httpLogs().tail(String.valueOf(row.config().id()), HttpLogReader.Filter.all(), HTTP_LOG_TAIL);
    }

    private void track(String name, String doing, java.util.function.Supplier<CompletionStage<ForwardState>> call) {
        desktop.feedback(doing + " " + name + "…", false);
        desktop.async(() -> call.get().toCompletableFuture().join(), state -> {
            desktop.model().mergeStates(List.of(state));
            desktop.refresh();
            desktop.feedback(name + ": " + state.status()
                    + (state.lastError() == null ? "" : " — " + state.lastError()), false);
        }, doing.toLowerCase(java.util.Locale.ROOT) + " " + name);
    }

    private String name(long id) {
        return desktop.model().row(id).map(r -> r.config().displayName()).orElse("#" + id);
    }
}
