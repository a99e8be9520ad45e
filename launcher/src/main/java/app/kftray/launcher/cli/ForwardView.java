package app.kftray.launcher.cli;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardCounters;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.WorkloadType;
import java.util.LinkedHashMap;
import java.util.Map;

/** A saved forward with its state, in the words a person reads in tables and scripts read in JSON. */
record ForwardView(ForwardConfig config, ForwardState state) {
    String workload() {
        return switch (config.workloadType()) {
            case SERVICE -> "svc/" + config.service();
            case POD -> "pod/" + config.target();
            case NAMESPACE -> "all services";
            default -> config.workloadType().jsonName() + "/" + (config.remoteAddress() == null ? "-"
                    : config.remoteAddress());
        };
    }

    /** @return local port and, where the forward has one, the remote port: {@code 8080:80} */
    String ports() {
        return config.localPort() + (config.remotePort() == null ? "" : ":" + config.remotePort());
    }

    /** @return where connections go, for a progress line: {@code pod web-1:80}, or a whole namespace's services */
    String destination() {
        if (config.workloadType() == WorkloadType.NAMESPACE) {
            return "every service of namespace " + config.namespace();
        }
        return "pod " + (state.pod() == null ? "?" : state.pod()) + ":" + config.remotePort();
    }

    String local() {
        return state.boundAddress() != null ? state.boundAddress()
                : config.effectiveLocalAddress() + ":" + config.localPort();
    }

    String connections() {
        ForwardCounters c = state.counters();
        return c.activeConnections() + "/" + c.totalConnections();
    }

    /** @return the fields of {@code kftray list -o json} */
    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", config.id());
        m.put("alias", config.displayName());
        m.put("context", config.context());
        m.put("kubeconfig", config.kubeconfig());
        m.put("namespace", config.namespace());
        m.put("workload_type", config.workloadType().jsonName());
        m.put("service", config.service());
        m.put("target", config.target());
        m.put("remote_port", config.remotePort());
        m.put("local_port", config.localPort());
        m.put("local_address", config.effectiveLocalAddress());
        m.put("protocol", config.protocol());
        m.put("auto_start", config.autoStart());
        m.put("status", state.status().name());
        if (showsError()) {
            m.put("last_error", state.lastError());
        }
        return m;
    }

    /**
     * @return the status for a table: a degraded forward says what keeps failing
     */
    String statusText() {
        return showsError() ? state.status() + ": " + state.lastError() : state.status().name();
    }

    private boolean showsError() {
        return state.status() == ForwardStatus.DEGRADED && state.lastError() != null;
    }

    /** @return the fields of {@code kftray status -o json} */
    Map<String, Object> detail() {
        Map<String, Object> m = new LinkedHashMap<>();
        ForwardCounters c = state.counters();
        m.put("id", config.id());
        m.put("alias", config.displayName());
        m.put("status", state.status().name());
        m.put("owner", state.owner() == null ? null : state.owner().toString());
        m.put("local_address", local());
        m.put("pod", state.pod());
        m.put("remote_port", config.remotePort());
        m.put("since", state.since().toString());
        m.put("active_connections", c.activeConnections());
        m.put("total_connections", c.totalConnections());
        m.put("bytes_in", c.bytesIn());
        m.put("bytes_out", c.bytesOut());
        m.put("reconnects", c.reconnects());
        m.put("last_error", state.lastError());
        return m;
    }
}
