package app.kftray.ui.tui.internal;

import app.kftray.api.HttpLogReader;
import app.kftray.api.HttpLogReader.Filter;
import app.kftray.api.model.HttpExchangeRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Follows the HTTP log of one forward for the log pane: its newest entries, then each new one as
 * it is written, through the filter the user set. Only while the pane is shown; the entries live
 * on the UI thread, reads happen on the worker.
 */
final class LogFollower {
    private static final int KEEP = 200;

    private final HttpLogReader reader;
    private final Executor worker;
    private final Consumer<Runnable> ui;
    private final ArrayDeque<HttpExchangeRecord> entries = new ArrayDeque<>();
    private Filter filter = Filter.all();
    private String filterText = "none";
    private Long forward;
    private AutoCloseable handle;
    private String error;
    private int generation;

    /**
     * @param reader the HTTP log reader
     * @param worker where blocking reads go
     * @param ui     runs work on the UI thread (and redraws after it)
     */
    LogFollower(HttpLogReader reader, Executor worker, Consumer<Runnable> ui) {
        this.reader = reader;
        this.worker = worker;
        this.ui = ui;
    }

    /** @param id the forward to follow, or {@code null} to follow none */
    void follow(Long id) {
        if (java.util.Objects.equals(id, forward)) {
            return; // already following it, or loading its tail
        }
        stop();
        forward = id;
        if (id == null) {
            return;
        }
        int mine = ++generation;
        Filter current = filter;
        String name = Long.toString(id);
        CompletableFuture.supplyAsync(() -> reader.tail(name, current, KEEP), worker).whenComplete((tail, failure) ->
                ui.accept(() -> {
                    if (mine != generation) {
                        return;
                    }
                    if (failure != null) {
                        error = "Cannot read the HTTP log: " + Errors.message(failure);
                        return;
                    }
                    tail.forEach(this::add);
                    startFollowing(name, current, mine);
                }));
    }

    private void startFollowing(String name, Filter current, int mine) {
        try {
            handle = reader.follow(name, current, entry -> ui.accept(() -> {
                if (mine == generation) {
                    add(entry);
                }
            }));
        } catch (RuntimeException e) {
            error = "Cannot follow the HTTP log: " + Errors.message(e);
        }
    }

    /** Stops following and forgets the entries. */
    void stop() {
        generation++;
        forward = null;
        entries.clear();
        error = null;
        if (handle != null) {
            AutoCloseable closing = handle;
            handle = null;
            worker.execute(() -> {
                try {
                    closing.close();
                } catch (Exception ignored) {
                    // the reader stops delivering either way
                }
            });
        }
    }

    /**
     * Sets the filter, e.g. {@code status=5xx method=GET path=/api}; an empty text clears it.
     *
     * @param text words {@code key=value}
     * @throws IllegalArgumentException naming the bad word
     */
    void filter(String text) {
        String status = null;
        String method = null;
        String path = null;
        for (String word : text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+")) {
            int eq = word.indexOf('=');
            String key = eq < 0 ? "" : word.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : word.substring(eq + 1);
            switch (key) {
                case "status" -> status = value;
                case "method" -> method = value.toUpperCase(Locale.ROOT);
                case "path" -> path = value;
                default -> throw new IllegalArgumentException("unknown filter '" + word
                        + "'; use status=404 or status=5xx, method=GET, path=/api");
            }
        }
        Filter parsed = new Filter(status, method, path, null, status == null && method == null && path == null);
        filter = parsed;
        List<String> parts = new ArrayList<>();
        if (status != null) {
            parts.add("status=" + status);
        }
        if (method != null) {
            parts.add("method=" + method);
        }
        if (path != null) {
            parts.add("path=" + path);
        }
        filterText = parts.isEmpty() ? "none" : String.join(" ", parts);
        Long following = forward;
        stop();
        follow(following);
    }

    String filterText() {
        return filterText;
    }

    String error() {
        return error;
    }

    List<HttpExchangeRecord> entries() {
        return List.copyOf(entries);
    }

    private void add(HttpExchangeRecord entry) {
        entries.addLast(entry);
        while (entries.size() > KEEP) {
            entries.removeFirst();
        }
    }
}
