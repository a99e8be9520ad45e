package app.kftray.ui.tui.internal;

import app.kftray.api.model.FieldError;
import app.kftray.api.model.LocalPortInput;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.WorkloadType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a forward definition as the add/edit form edits them, and the definition they
 * make. Its checks are those of the desktop dialog: what typing alone breaks (a port that is no
 * number) plus {@link ForwardConfig#validate()}, the store's own validation, so the messages are
 * the ones the CLI and the desktop show.
 */
final class ForwardForm {
    private final ForwardConfig original;
    private final Map<String, FormField> fields = new LinkedHashMap<>();

    /**
     * @param original  the definition to edit, or {@code null} to add one
     * @param protocols the protocols a handler is installed for
     */
    ForwardForm(ForwardConfig original, Collection<String> protocols) {
        this.original = original;
        ForwardConfig c = original != null ? original : ForwardConfig.builder().build();
        List<String> types = Arrays.stream(WorkloadType.values()).map(WorkloadType::jsonName).toList();
        List<String> protocolChoices = new ArrayList<>(new java.util.TreeSet<>(protocols));
        if (!protocolChoices.contains(c.protocol())) {
            protocolChoices.add(c.protocol());
        }
        add(FormField.text("alias", "Alias", c.alias()));
        add(FormField.text("kubeconfig", "Kubeconfig", c.kubeconfig()));
        add(FormField.text("context", "Context", c.context()));
        add(FormField.text("namespace", "Namespace", c.namespace()));
        add(FormField.choice("workload_type", "Workload type", types,
                (c.workloadType() == null ? WorkloadType.SERVICE : c.workloadType()).jsonName()));
        add(FormField.text("service", "Service", c.service()));
        add(FormField.text("target", "Pod selector", c.target()));
        add(FormField.text("remote_port", "Remote port", c.remotePort()));
        add(FormField.text("local_port", "Local port", Integer.toString(c.localPort())));
        add(FormField.text("local_address", "Local address", c.localAddress()));
        add(FormField.choice("protocol", "Protocol", protocolChoices, c.protocol()));
        add(FormField.text("remote_address", "Remote address", c.remoteAddress()));
        add(FormField.check("auto_loopback_address", "Own 127.0.0.N", c.autoLoopbackAddress()));
        add(FormField.check("domain_enabled", "Hosts entry", c.domainEnabled()));
        add(FormField.check("http_logs_enabled", "Log HTTP", c.httpLogsEnabled()));
        add(FormField.check("auto_start", "Auto start", c.autoStart()));
    }

    private void add(FormField field) {
        fields.put(field.key(), field);
    }

    /** @return the fields in form order */
    List<FormField> fields() {
        return List.copyOf(fields.values());
    }

    /** @return the title of the form */
    String title() {
        return original == null ? "Add forward" : "Edit forward " + original.displayName();
    }

    /** The definition as typed, and the problems typing alone causes. */
    record Typed(ForwardConfig config, List<FieldError> typingErrors) {
        /** @return typing errors first, then the definition's own validation errors */
        List<FieldError> problems() {
            List<FieldError> all = new ArrayList<>(typingErrors);
            all.addAll(config.validate());
            return all;
        }
    }

    Typed read() {
        List<FieldError> typing = new ArrayList<>();
        int port = LocalPortInput.parse(fields.get("local_port").value(), typing);
        ForwardConfig config = ForwardConfig.builder()
                .id(original == null ? null : original.id())
                .alias(text("alias"))
                .kubeconfig(text("kubeconfig"))
                .context(text("context"))
                .namespace(text("namespace"))
                .workloadType(WorkloadType.parse(fields.get("workload_type").value()).orElse(null))
                .service(text("service"))
                .target(text("target"))
                .remotePort(text("remote_port"))
                .localPort(port)
                .localAddress(text("local_address"))
                .protocol(text("protocol"))
                .remoteAddress(text("remote_address"))
                .autoLoopbackAddress(fields.get("auto_loopback_address").checked())
                .domainEnabled(fields.get("domain_enabled").checked())
                .httpLogsEnabled(fields.get("http_logs_enabled").checked())
                .autoStart(fields.get("auto_start").checked())
                .build();
        return new Typed(config, typing);
    }

    private String text(String key) {
        return fields.get(key).valueOrNull();
    }

    /**
     * @param errors problems from validation or the store
     * @return per field key its message (several joined), and under "" those no field shows
     */
    Map<String, String> place(List<FieldError> errors) {
        Map<String, String> placed = new LinkedHashMap<>();
        for (FieldError error : errors) {
            String key = fields.containsKey(error.field()) ? error.field() : "";
            String message = key.isEmpty() ? error.toString() : error.message();
            placed.merge(key, message, (a, b) -> a + "; " + b);
        }
        return placed;
    }
}
