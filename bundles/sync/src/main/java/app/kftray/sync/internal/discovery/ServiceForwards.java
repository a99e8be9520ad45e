package app.kftray.sync.internal.discovery;

import app.kftray.api.ConfigDiscovery;
import app.kftray.api.KubeAccess.AnnotatedService;
import app.kftray.api.KubeAccess.ServicePort;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.WorkloadType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The forwards one annotated service declares. {@code kftray.app/configs} is a comma list of
 * {@code alias-localPort-targetPort}: the last two dash-separated parts are the ports, the rest is
 * the alias (so aliases may hold dashes; kftray's three-part items read the same). The target is a
 * service port number, the number of a service port's target port, or a service port name; it is
 * saved as the service port number. Without the annotation each TCP service port becomes a forward
 * with its own number as local port. Items that cannot be read are skipped with a reason.
 */
final class ServiceForwards {
    private static final String TCP = "TCP";

    private final List<ForwardConfig> found = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    private ServiceForwards() {
    }

    /** @return whether the service is marked {@code kftray.app/enabled: "true"} */
    static boolean enabled(AnnotatedService service) {
        return "true".equals(service.annotations().get(ConfigDiscovery.ENABLED_ANNOTATION));
    }

    /**
     * @return a skip line for a service whose enabled annotation is neither "true" nor "false" (such as
     *         "True" or "yes"), which kftray does not take as enabled either
     */
    static Optional<String> misspeltEnabled(AnnotatedService service) {
        String value = service.annotations().get(ConfigDiscovery.ENABLED_ANNOTATION);
        if (value == null || "false".equals(value)) {
            return Optional.empty();
        }
        return Optional.of(service.namespace() + "/" + service.service().name() + ": "
                + ConfigDiscovery.ENABLED_ANNOTATION + " is '" + value + "'; only \"true\" enables auto-import");
    }

    /**
     * @param service  a service marked enabled
     * @param template context and kubeconfig every found forward gets
     * @param found    receives the forwards
     * @param skipped  receives one line per item left out
     */
    static void read(AnnotatedService service, ForwardConfig template, List<ForwardConfig> found, List<String> skipped) {
        ServiceForwards forwards = new ServiceForwards();
        String configs = service.annotations().get(ConfigDiscovery.CONFIGS_ANNOTATION);
        if (configs == null) {
            forwards.perPort(service, template);
        } else {
            forwards.fromAnnotation(service, template, configs);
        }
        found.addAll(forwards.found);
        skipped.addAll(forwards.skipped);
    }

    private void perPort(AnnotatedService service, ForwardConfig template) {
        List<ServicePort> ports = service.service().ports();
        if (ports.isEmpty()) {
            skip(service, "it has no ports");
        }
        for (ServicePort port : ports) {
            if (!TCP.equalsIgnoreCase(port.protocol())) {
                skip(service, "port " + port.port() + " is " + port.protocol() + ", only TCP ports are imported");
                continue;
            }
            String alias = ports.size() == 1 ? service.service().name()
                    : service.service().name() + "-" + (port.name() == null ? String.valueOf(port.port()) : port.name());
            found.add(forward(service, template, alias, port.port(), port));
        }
    }

    private void fromAnnotation(AnnotatedService service, ForwardConfig template, String configs) {
        if (configs.isBlank()) {
            skip(service, ConfigDiscovery.CONFIGS_ANNOTATION + " is empty; expected alias-localPort-targetPort,...");
            return;
        }
        for (String raw : configs.split(",")) {
            String item = raw.trim();
            int last = item.lastIndexOf('-');
            int middle = last <= 0 ? -1 : item.lastIndexOf('-', last - 1);
            if (middle <= 0 || last == item.length() - 1) {
                skip(service, "item '" + item + "' is not alias-localPort-targetPort");
                continue;
            }
            String alias = item.substring(0, middle);
            Optional<Integer> localPort = portNumber(item.substring(middle + 1, last));
            if (localPort.isEmpty()) {
                skip(service, "item '" + item + "': local port '" + item.substring(middle + 1, last)
                        + "' is not a number from 1 to 65535");
                continue;
            }
            String target = item.substring(last + 1);
            Optional<ServicePort> port = servicePort(service, target);
            if (port.isEmpty()) {
                skip(service, "item '" + item + "': the service has no port '" + target + "'; it has "
                        + describe(service.service().ports()));
                continue;
            }
            found.add(forward(service, template, alias, localPort.get(), port.get()));
        }
    }

    /** A service port by number, by the number of its target port, or by name. */
    private static Optional<ServicePort> servicePort(AnnotatedService service, String target) {
        List<ServicePort> ports = service.service().ports();
        return ports.stream().filter(p -> target.equals(String.valueOf(p.port()))).findFirst()
                .or(() -> ports.stream().filter(p -> target.equals(p.name())).findFirst())
                .or(() -> ports.stream().filter(p -> target.equals(p.targetPort())).findFirst());
    }

    private static ForwardConfig forward(AnnotatedService service, ForwardConfig template, String alias, int localPort,
            ServicePort port) {
        return template.toBuilder().alias(alias).namespace(service.namespace()).workloadType(WorkloadType.SERVICE)
                .service(service.service().name()).remotePort(port.port()).localPort(localPort).protocol("tcp")
                .build();
    }

    private static Optional<Integer> portNumber(String text) {
        try {
            int port = Integer.parseInt(text);
            return port >= 1 && port <= 65535 ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String describe(List<ServicePort> ports) {
        return ports.isEmpty() ? "none" : String.join(", ", ports.stream()
                .map(p -> p.name() == null ? String.valueOf(p.port()) : p.port() + " (" + p.name() + ")").toList());
    }

    private void skip(AnnotatedService service, String reason) {
        skipped.add(service.namespace() + "/" + service.service().name() + ": " + reason);
    }
}
