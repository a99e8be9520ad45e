package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.StateStore;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.launcher.boot.RuntimeFailure;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Joins saved forwards with their shared runtime state, and prints them as JSON for scripts. */
final class ForwardViews {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ForwardViews() {
    }

    /**
     * @param configs the forwards to show
     * @param states  the shared state store
     * @return one view per forward, STOPPED where no state row exists
     */
    static List<ForwardView> of(List<ForwardConfig> configs, StateStore states) {
        Map<Long, ForwardState> byId = states.list().stream()
                .collect(Collectors.toMap(ForwardState::configId, Function.identity(), (a, b) -> a));
        return configs.stream()
                .map(c -> new ForwardView(c, byId.getOrDefault(c.id(), ForwardState.stopped(c.id()))))
                .toList();
    }

    /**
     * @param configs the store
     * @param states  the state store
     * @param names   ids or aliases; empty for every forward
     * @return views of the named forwards
     */
    static List<ForwardView> named(ConfigStore configs, StateStore states, List<String> names) {
        return of(names.isEmpty() ? configs.list() : ForwardNames.resolve(configs, names), states);
    }

    /**
     * @param out   where to print
     * @param views the forwards
     * @param shape which fields of a view
     */
    static void printJson(PrintWriter out, List<ForwardView> views, Function<ForwardView, Map<String, Object>> shape) {
        try {
            out.println(JSON.writeValueAsString(views.stream().map(shape).toList()));
            out.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RuntimeFailure("cannot write JSON: " + e.getOriginalMessage());
        }
    }

    /** How a list is printed. */
    enum Output { table, json }
}
