package app.kftray.ui.swt.internal;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardEvent;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the UI knows about forwards: the saved definitions and the latest state of each.
 * Confined to the UI thread; fed by config changes, forward events and state refreshes.
 */
final class ForwardsModel {
    private final Map<Long, ForwardConfig> configs = new LinkedHashMap<>();
    private final Map<Long, ForwardState> states = new LinkedHashMap<>();

    /**
     * Replaces every definition, e.g. after the first load.
     *
     * @param all the definitions, ordered by id
     */
    void setConfigs(Collection<ForwardConfig> all) {
        configs.clear();
        all.forEach(this::putConfig);
        states.keySet().retainAll(configs.keySet());
    }

    /** @param config a created or updated definition */
    void putConfig(ForwardConfig config) {
        configs.put(config.id(), config);
    }

    /** @param id a deleted definition */
    void removeConfig(long id) {
        configs.remove(id);
        states.remove(id);
    }

    /**
     * Takes states read from the store or the engine; a state is only replaced by a newer one
     * so a slow refresh never undoes an event.
     *
     * @param latest states of some forwards
     */
    void mergeStates(Collection<ForwardState> latest) {
        for (ForwardState state : latest) {
            ForwardState known = states.get(state.configId());
            if (known == null || !state.since().isBefore(known.since())) {
                states.put(state.configId(), state);
            }
        }
    }

    /**
     * A notification to show.
     *
     * @param subject the forward and the kind of change, for rate limiting
     * @param message the sentence
     * @param problem whether it is bad news
     */
    record Notice(String subject, String message, boolean problem) {
    }

    /**
     * @param event an event of this process's engine
     * @return a notification when the forward failed, degraded or recovered
     */
    Optional<Notice> notice(ForwardEvent event) {
        ForwardStatus after = event.state().status();
        return apply(event).map(message -> new Notice(event.configId() + ":" + after, message,
                after != ForwardStatus.RUNNING));
    }

    /**
     * @param event an event of this process's engine
     * @return a message for a notification when the forward failed or recovered
     */
    Optional<String> apply(ForwardEvent event) {
        ForwardStatus before = status(event.configId());
        states.put(event.configId(), event.state());
        if (event.type() != ForwardEvent.Type.STATE_CHANGED) {
            return Optional.empty();
        }
        String name = name(event.configId());
        ForwardStatus after = event.state().status();
        if (after == ForwardStatus.FAILED && before != ForwardStatus.FAILED) {
            String error = event.state().lastError() != null ? event.state().lastError() : event.message();
            return Optional.of("Forward " + name + " failed: " + (error == null ? "unknown error" : error));
        }
        if (after == ForwardStatus.RECONNECTING && before == ForwardStatus.RUNNING) {
            return Optional.of("Forward " + name + " lost its connection and is reconnecting");
        }
        if (after == ForwardStatus.DEGRADED && before != ForwardStatus.DEGRADED) {
            String error = event.state().lastError();
            return Optional.of("Forward " + name + " is degraded: " + (error == null ? "connections keep failing" : error));
        }
        if (after == ForwardStatus.RUNNING && (before == ForwardStatus.RECONNECTING || before == ForwardStatus.FAILED
                || before == ForwardStatus.DEGRADED)) {
            return Optional.of("Forward " + name + " recovered");
        }
        return Optional.empty();
    }

    /** @return every definition with its state, ordered by id */
    List<ForwardRow> rows() {
        List<ForwardRow> rows = new ArrayList<>(configs.size());
        configs.values().forEach(c -> rows.add(new ForwardRow(c, state(c.id()))));
        return rows;
    }

    /**
     * @param id a definition
     * @return its row, if it exists
     */
    Optional<ForwardRow> row(long id) {
        ForwardConfig config = configs.get(id);
        return config == null ? Optional.empty() : Optional.of(new ForwardRow(config, state(id)));
    }

    /** @return ids of the forwards that hold or try to hold their socket */
    List<Long> activeIds() {
        return configs.keySet().stream().filter(id -> status(id).isActive()).toList();
    }

    /** @return the tray summary */
    OverallStatus overall() {
        return OverallStatus.of(configs.keySet().stream().map(this::status).toList());
    }

    private ForwardState state(long id) {
        ForwardState state = states.get(id);
        return state != null ? state : ForwardState.stopped(id);
    }

    private ForwardStatus status(long id) {
        ForwardState state = states.get(id);
        return state == null ? ForwardStatus.STOPPED : state.status();
    }

    private String name(long id) {
        ForwardConfig config = configs.get(id);
        return config == null ? "#" + id : config.displayName();
    }
}
