package app.kftray.emulator.http;

import app.kftray.emulator.store.KubeObjects;
import app.kftray.emulator.store.ResourceKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Renders objects as {@code meta.k8s.io/v1 Table}s with the columns the real server prints, for clients
 * that ask with {@code as=Table} (kubectl get).
 */
final class TableRenderer {
    private TableRenderer() {
    }

    static ObjectNode table(ResourceKind kind, List<? extends JsonNode> objects, long resourceVersion) {
        ObjectNode table = KubeObjects.JSON.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion", Long.toString(resourceVersion));
        ArrayNode columns = table.putArray("columnDefinitions");
        for (String column : columns(kind)) {
            boolean name = column.equals("Name");
            columns.addObject().put("name", column).put("type", "string").put("format", name ? "name" : "")
                    .put("description", column).put("priority", 0);
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            cells(kind, object).forEach(cells::add);
            row.set("object", object);
        }
        return table;
    }

    private static List<String> columns(ResourceKind kind) {
        return switch (kind) {
            case PODS -> List.of("Name", "Ready", "Status", "Restarts", "Age");
            case SERVICES -> List.of("Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age");
            case NAMESPACES -> List.of("Name", "Status", "Age");
            case ENDPOINTS -> List.of("Name", "Endpoints", "Age");
            case ENDPOINT_SLICES -> List.of("Name", "AddressType", "Ports", "Endpoints", "Age");
            case DEPLOYMENTS, SECRETS, INGRESSES -> List.of("Name", "Age");
        };
    }

    private static List<String> cells(ResourceKind kind, JsonNode o) {
        List<String> cells = new ArrayList<>();
        cells.add(KubeObjects.name(o));
        switch (kind) {
            case PODS -> {
                JsonNode statuses = o.path("status").path("containerStatuses");
                long ready = 0;
                for (JsonNode cs : statuses) {
                    ready += cs.path("ready").asBoolean() ? 1 : 0;
                }
                cells.add(ready + "/" + o.path("spec").path("containers").size());
                cells.add(o.path("status").path("phase").asText());
                cells.add("0");
            }
            case SERVICES -> {
                JsonNode spec = o.path("spec");
                cells.add(spec.path("type").asText());
                cells.add(spec.path("clusterIP").asText("<none>"));
                cells.add("<none>");
                StringJoiner ports = new StringJoiner(",");
                spec.path("ports").forEach(p -> ports.add(p.path("port").asText() + "/" + p.path("protocol").asText()));
                cells.add(ports.toString());
            }
            case NAMESPACES -> cells.add(o.path("status").path("phase").asText());
            case ENDPOINTS -> {
                StringJoiner addresses = new StringJoiner(",");
                for (JsonNode subset : o.path("subsets")) {
                    for (JsonNode a : subset.path("addresses")) {
                        subset.path("ports").forEach(p -> addresses.add(a.path("ip").asText() + ":" + p.path("port")));
                    }
                }
                cells.add(addresses.length() == 0 ? "<none>" : addresses.toString());
            }
            case ENDPOINT_SLICES -> {
                cells.add(o.path("addressType").asText());
                StringJoiner ports = new StringJoiner(",");
                o.path("ports").forEach(p -> ports.add(p.path("port").asText()));
                cells.add(ports.length() == 0 ? "<unset>" : ports.toString());
                StringJoiner addresses = new StringJoiner(",");
                o.path("endpoints").forEach(e -> e.path("addresses").forEach(a -> addresses.add(a.asText())));
                cells.add(addresses.length() == 0 ? "<none>" : addresses.toString());
            }
            case DEPLOYMENTS, SECRETS, INGRESSES -> { }
            default -> throw new IllegalStateException("no table columns for " + kind);
        }
        cells.add(age(o.path("metadata").path("creationTimestamp").asText()));
        return cells;
    }

    /** Like the server's short human durations: 42s, 5m3s, 2h, 3d. */
    static String age(String timestamp) {
        if (timestamp.isEmpty()) {
            return "<unknown>";
        }
        long s = Math.max(0, Duration.between(Instant.parse(timestamp), Instant.now()).getSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 600) {
            return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
        }
        if (s < 3 * 3600) {
            return s / 60 + "m";
        }
        return s < 48 * 3600 ? s / 3600 + "h" : s / 86400 + "d";
    }
}
