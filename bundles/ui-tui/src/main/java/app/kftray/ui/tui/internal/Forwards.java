package app.kftray.ui.tui.internal;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardEvent;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the terminal UI knows about forwards: every saved definition and the latest state of
 * each. Confined to the UI thread; fed by config changes, forward events and state reads.
 */
final class Forwards {
    private final Map<Long, ForwardConfig> configs = new TreeMap<>();
    private final Map<Long, ForwardState> states = new TreeMap<>();

    /** @param all every definition, e.g. after the first load */
    void setConfigs(Collection<ForwardConfig> all) {
        configs.clear();
        all.forEach(c -> configs.put(c.id(), c));
        states.keySet().retainAll(configs.keySet());
    }

    /** @param config a created or updated definition */
    void putConfig(ForwardConfig config) {
        configs.put(config.id(), config);
    }

    /** @param id a deleted definition */
    void remove(long id) {
        configs.remove(id);
        states.remove(id);
    }

    /**
     * Takes states read from the store or the engine; a state is only replaced by one at least as
     * new, so a slow read never undoes an event.
     *
     * @param latest states of some forwards
     * @return whether anything shown changed
     */
    boolean merge(Collection<ForwardState> latest) {
        boolean changed = false;
        for (ForwardState state : latest) {
            ForwardState known = states.get(state.configId());
            if (known == null || !state.since().isBefore(known.since())) {
                changed |= !state.equals(known);
                states.put(state.configId(), state);
            }
        }
        return changed;
    }

    /**
     * @param event an event of this process's engine
     * @return a line for the status bar when the forward failed, got into trouble or recovered
     */
    Optional<String> apply(ForwardEvent event) {
        ForwardState before = states.put(event.configId(), event.state());
        ForwardStatus was = before == null ? ForwardStatus.STOPPED : before.status();
        ForwardStatus now = event.state().status();
        if (event.type() != ForwardEvent.Type.STATE_CHANGED || was == now) {
            return Optional.empty();
        }
        String name = row(event.configId()).map(r -> r.config().displayName()).orElse("#" + event.configId());
        String error = event.state().lastError() != null ? event.state().lastError() : event.message();
        return switch (now) {
            case FAILED -> Optional.of(name + " failed: " + (error == null ? "unknown error" : error));
            case RECONNECTING -> Optional.of(name + " lost its connection and is reconnecting");
            case DEGRADED -> Optional.of(name + " is degraded: " + (error == null ? "connections fail" : error));
            case RUNNING -> was == ForwardStatus.STARTING ? Optional.empty() : Optional.of(name + " recovered");
            default -> Optional.empty();
        };
    }

    /** @return every forward, ordered by id */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>(configs.size());
        configs.values().forEach(c -> rows.add(new Row(c, state(c.id()))));
        return rows;
    }

    Optional<Row> row(long id) {
        ForwardConfig config = configs.get(id);
        return config == null ? Optional.empty() : Optional.of(new Row(config, state(id)));
    }

    /** @return the contexts the saved forwards name, sorted; "(current)" for none */
    List<String> contexts() {
        TreeSet<String> contexts = new TreeSet<>();
        configs.values().forEach(c -> contexts.add(Text.orDefault(c.context(), "(current)")));
        return List.copyOf(contexts);
    }

    int size() {
        return configs.size();
    }

    private ForwardState state(long id) {
        ForwardState state = states.get(id);
        return state != null ? state : ForwardState.stopped(id);
    }
}
