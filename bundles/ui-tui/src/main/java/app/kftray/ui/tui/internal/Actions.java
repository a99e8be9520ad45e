package app.kftray.ui.tui.internal;

import app.kftray.api.ConflictException;
import app.kftray.api.InvalidConfigException;
import app.kftray.api.StateStore.ControlRequest;
import app.kftray.api.model.FieldError;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.Owner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the keys do to the runtime: start, stop, delete, save, import and export. Each call runs
 * on the worker and reports back on the UI thread as a status line; a failure (a storage error,
 * a refused start) is shown and the UI carries on.
 */
final class Actions {
    private final TuiServices services;
    private final Session session;
    private final Ui ui;
    /** The previous {@link #watchStates()} read; only the timer's thread reads it, any thread may clear it. */
    private volatile List<ForwardState> lastRead;

    /** The UI thread as the actions see it. */
    interface Ui {
        /** @param work runs on the UI thread, followed by a redraw */
        void post(Runnable work);

        /** @param work runs on the UI thread, followed by a redraw if it returns {@code true} */
        void postChecked(BooleanSupplier work);
    }

    Actions(TuiServices services, Session session, Ui ui) {
        this.services = services;
        this.session = session;
        this.ui = ui;
    }

    /** Loads every definition and state (at start). */
    void load() {
        async(() -> services.configs().list(), configs -> {
            session.forwards.setConfigs(configs);
            session.say(configs.size() + " forwards. Press h for help.", false);
            refreshStates();
        }, "loading forwards");
    }

    /** Reads every definition again, keeping the status line (after an import). */
    private void reload() {
        async(() -> services.configs().list(), configs -> {
            session.forwards.setConfigs(configs);
            lastRead = null; // the states of forwards new to the UI are handed over again
        }, "reading forwards");
    }

    /** Reads every state row and this engine's live counters; other processes' changes arrive this way. */
    void refreshStates() {
        CompletableFuture.supplyAsync(this::readStates, services.worker()).whenComplete((latest, error) -> ui.postChecked(() -> {
            if (error == null) {
                return session.forwards.merge(latest);
            }
            session.say("Error reading forward states: " + Errors.message(error), true);
            return true;
        }));
    }

    /**
     * The periodic {@link #refreshStates()}, run on the calling (timer) thread: the states go to the UI
     * thread only when they differ from the previous read, so an idle UI is not woken every tick. A read
     * equal to the last one changes nothing there: the UI merged it already.
     */
    void watchStates() {
        List<ForwardState> latest;
        try {
            latest = readStates();
        } catch (RuntimeException e) {
            lastRead = null;
            ui.post(() -> session.say("Error reading forward states: " + Errors.message(e), true));
            return;
        }
        if (latest.equals(lastRead)) {
            return;
        }
        lastRead = latest;
        ui.postChecked(() -> session.forwards.merge(latest));
    }

    private List<ForwardState> readStates() {
        List<ForwardState> latest = new ArrayList<>(services.states().list());
        latest.addAll(services.forwards().running());
        return latest;
    }

    /** @param id a definition created or changed here or in another process */
    void reloadConfig(long id) {
        async(() -> services.configs().get(id), found -> found.ifPresentOrElse(session.forwards::putConfig,
                () -> session.forwards.remove(id)), "reading forward " + id);
    }

    void loadHistory(long id) {
        async(() -> services.states().history(id, 6), history -> session.history.put(id, history),
                "reading the history of forward " + id);
    }

    void start(List<Long> ids) {
        run(ids, "Starting", id -> services.forwards().start(id));
    }

    /** Stops forwards of this process; one another process runs is asked to stop through the store. */
    void stop(List<Long> ids) {
        List<Long> elsewhere = ids.stream().filter(id -> owner(id) != null).toList();
        if (!elsewhere.isEmpty()) {
            async(() -> {
                elsewhere.forEach(id -> services.states().submit(new ControlRequest(id, ControlRequest.Action.STOP,
                        owner(id))));
                return elsewhere;
            }, asked -> session.say("Asked the process running " + names(asked) + " to stop it.", false),
                    "asking to stop " + names(elsewhere));
        }
        run(ids.stream().filter(id -> !elsewhere.contains(id)).toList(), "Stopping",
                id -> services.forwards().stop(id));
    }

    /** @return the live process other than this one that runs the forward, or {@code null} */
    private Owner owner(long id) {
        ForwardState known = session.forwards.row(id).map(Row::state).orElse(null);
        Owner owner = known == null ? null : known.owner();
        boolean elsewhere = owner != null && known.status().isActive() && !owner.equals(services.states().self());
        return elsewhere ? owner : null;
    }

    /** Starts the stopped ones among {@code ids}, or stops them all when every one is active. */
    void toggle(List<Long> ids) {
        boolean allActive = ids.stream().allMatch(id -> session.forwards.row(id).map(Row::active).orElse(false));
        if (allActive) {
            stop(ids);
        } else {
            start(ids.stream().filter(id -> !session.forwards.row(id).map(Row::active).orElse(false)).toList());
        }
    }

    private void run(List<Long> ids, String doing, Function<Long, CompletionStage<ForwardState>> call) {
        if (ids.isEmpty()) {
            return;
        }
        session.say(doing + " " + names(ids) + "…", false);
        async(() -> {
            List<CompletableFuture<ForwardState>> calls = new ArrayList<>();
            ids.forEach(id -> calls.add(call.apply(id).toCompletableFuture()));
            return calls.stream().map(CompletableFuture::join).toList();
        }, states -> {
            session.forwards.merge(states);
            List<String> failed = states.stream().filter(s -> s.lastError() != null && !s.status().isActive())
                    .map(s -> name(s.configId()) + ": " + s.lastError()).toList();
            if (failed.isEmpty()) {
                session.say(names(ids) + ": " + states.stream().map(s -> s.status().name()).distinct()
                        .reduce((a, b) -> a + ", " + b).orElse(""), false);
            } else {
                session.say(String.join("; ", failed), true);
            }
        }, doing.toLowerCase(java.util.Locale.ROOT) + " " + names(ids));
    }

    /** Deletes after stopping; the caller asked for confirmation. */
    void delete(List<Long> ids) {
        String names = names(ids);
        async(() -> {
            int deleted = 0;
            for (long id : ids) {
                services.forwards().stop(id).toCompletableFuture().join();
                deleted += services.configs().delete(id) ? 1 : 0;
            }
            return deleted;
        }, deleted -> {
            ids.forEach(session.forwards::remove);
            session.table.clearMarks();
            session.say("Deleted " + names + " (" + deleted + ").", false);
        }, "deleting " + names);
    }

    /**
     * Saves a valid definition; on success the form closes.
     *
     * @param config   as typed
     * @param refused  receives the store's errors when it refused
     * @param saved    runs on the UI thread once stored
     */
    void save(ForwardConfig config, Consumer<List<FieldError>> refused, Runnable saved) {
        async(() -> {
            try {
                ForwardConfig stored = config.id() == null ? services.configs().create(config)
                        : services.configs().update(config);
                return new SaveOutcome(stored, List.of());
            } catch (InvalidConfigException e) {
                return new SaveOutcome(null, e.errors());
            } catch (ConflictException e) {
                return new SaveOutcome(null, List.of(new FieldError("alias", e.getMessage())));
            }
        }, outcome -> {
            if (outcome.stored() == null) {
                refused.accept(outcome.errors());
                return;
            }
            session.forwards.putConfig(outcome.stored());
            session.say("Saved " + outcome.stored().displayName() + ".", false);
            saved.run();
        }, "saving " + config.displayName(), () -> refused.accept(List.of()));
    }

    private record SaveOutcome(ForwardConfig stored, List<FieldError> errors) {
    }

    /** Imports a kftray configs.json: all entries or, on any problem, none. */
    void importFrom(Path file) {
        async(() -> {
            String json;
            try {
                json = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("cannot read " + file + ": no such file", e);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + Errors.message(e), e);
            }
            try {
                return services.configs().importJson(json);
            } catch (InvalidConfigException e) {
                throw new IllegalArgumentException(file.getFileName() + " was not imported, nothing changed: "
                        + Errors.message(e), e);
            }
        }, result -> {
            session.say("Imported " + file.getFileName() + ": " + result.created().size() + " new, "
                    + result.updated().size() + " updated, " + result.unchanged() + " unchanged"
                    + (result.warnings().isEmpty() ? "" : " (" + String.join("; ", result.warnings()) + ")"), false);
            reload();
        }, "importing " + file.getFileName());
    }

    /** Exports every forward, or the marked ones, as kftray JSON. */
    void exportTo(Path file, List<Long> ids) {
        async(() -> {
            try {
                return Files.writeString(file, services.configs().exportJson(ids), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write " + file + ": " + Errors.message(e), e);
            }
        }, written -> session.say("Exported " + (ids.isEmpty() ? "all forwards" : ids.size() + " forwards")
                + " to " + written + ".", false), "exporting to " + file);
    }

    String names(List<Long> ids) {
        return ids.size() == 1 ? name(ids.get(0)) : ids.size() + " forwards";
    }

    private String name(long id) {
        return session.forwards.row(id).map(r -> r.config().displayName()).orElse("#" + id);
    }

    private <T> void async(java.util.function.Supplier<T> work, Consumer<T> onUi, String what) {
        async(work, onUi, what, () -> { });
    }

    private <T> void async(java.util.function.Supplier<T> work, Consumer<T> onUi, String what, Runnable onError) {
        CompletableFuture.supplyAsync(work, services.worker()).whenComplete((result, error) -> ui.post(() -> {
            if (error != null) {
                session.say("Error " + what + ": " + Errors.message(error), true);
                onError.run();
            } else {
                onUi.accept(result);
            }
        }));
    }
}
