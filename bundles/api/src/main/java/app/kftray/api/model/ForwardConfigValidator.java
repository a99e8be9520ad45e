package app.kftray.api.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** Checks every field of a {@link ForwardConfig} and collects all problems. */
final class ForwardConfigValidator {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern PROTOCOL = Pattern.compile("[a-z][a-z0-9+.-]{0,31}");
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,62})");
    private static final Pattern SELECTOR_TERM = Pattern.compile(
            "([A-Za-z0-9./_-]+)\\s*(=|==|!=)\\s*([A-Za-z0-9._-]*)|!?[A-Za-z0-9./_-]+");

    private static final int MAX_GROUP = 63;

    private ForwardConfigValidator() {
    }

    static List<FieldError> validate(ForwardConfig c) {
        List<FieldError> errors = new ArrayList<>();
        checkNamespace(c, errors);
        checkWorkload(c, errors);
        checkPorts(c, errors);
        checkAddresses(c, errors);
        checkNames(c, errors);
        return List.copyOf(errors);
    }

    static OptionalInt portNumber(String port) {
        if (port == null || port.isBlank() || !port.trim().chars().allMatch(Character::isDigit)) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(port.trim()));
        } catch (NumberFormatException tooLong) {
            return OptionalInt.of(Integer.MAX_VALUE);
        }
    }

    private static void checkNamespace(ForwardConfig c, List<FieldError> errors) {
        if (blank(c.namespace())) {
            errors.add(new FieldError("namespace", "is required"));
        } else if (!DNS_LABEL.matcher(c.namespace()).matches()) {
            errors.add(new FieldError("namespace", "'" + c.namespace()
                    + "' is not a valid namespace (lower-case letters, digits and '-', at most 63)"));
        }
    }

    private static void checkWorkload(ForwardConfig c, List<FieldError> errors) {
        if (c.workloadType() == null) {
            errors.add(new FieldError("workload_type", "is required: one of service, pod, proxy, namespace, expose"));
            return;
        }
        switch (c.workloadType()) {
            case SERVICE -> requireName(c.service(), "service", "a service workload needs the service name", errors);
            case POD -> checkSelector(c.target(), errors);
            case PROXY -> {
                if (blank(c.remoteAddress())) {
                    errors.add(new FieldError("remote_address", "a proxy workload needs the remote host"));
                }
            }
            case NAMESPACE -> { }
            case EXPOSE -> checkExpose(c, errors);
        }
    }

    /** kftray's rule: alias and local port; the alias names the Service (up to its first dot) and the host. */
    private static void checkExpose(ForwardConfig c, List<FieldError> errors) {
        if (blank(c.alias())) {
            errors.add(new FieldError("alias", "an expose workload needs an alias: it names the service in the cluster"));
        } else if (!DNS_SUBDOMAIN.matcher(c.alias()).matches()
                || !DNS_LABEL.matcher(c.alias().split("\\.")[0]).matches()) {
            errors.add(new FieldError("alias", "'" + c.alias() + "' must be a lower-case DNS name to name the service"
                    + " and the host of an expose workload"));
        }
        if (c.localPort() == 0) {
            errors.add(new FieldError("local_port", "an expose workload needs the local port to publish"));
        }
        if (!"tcp".equals(c.protocol())) {
            errors.add(new FieldError("protocol", "an expose workload carries tcp only, not '" + c.protocol() + "'"));
        }
    }

    private static void requireName(String value, String field, String missing, List<FieldError> errors) {
        if (blank(value)) {
            errors.add(new FieldError(field, missing));
        } else if (!DNS_SUBDOMAIN.matcher(value).matches() || value.length() > 253) {
            errors.add(new FieldError(field, "'" + value + "' is not a valid Kubernetes name"));
        }
    }

    private static void checkSelector(String selector, List<FieldError> errors) {
        if (blank(selector)) {
            errors.add(new FieldError("target", "a pod workload needs a label selector such as app=web"));
            return;
        }
        for (String term : selector.split(",")) {
            if (!SELECTOR_TERM.matcher(term.trim()).matches()) {
                errors.add(new FieldError("target", "'" + term.trim() + "' is not a label selector term (key=value)"));
                return;
            }
        }
    }

    private static void checkPorts(ForwardConfig c, List<FieldError> errors) {
        if (c.localPort() < 0 || c.localPort() > 65535) {
            errors.add(new FieldError("local_port", c.localPort() + " is out of range 0..65535 (0 picks a free port)"));
        }
        if (c.workloadType() == WorkloadType.NAMESPACE || c.workloadType() == WorkloadType.EXPOSE) {
            return;
        }
        String port = c.remotePort();
        if (blank(port)) {
            errors.add(new FieldError("remote_port", "is required: a port number or a named port"));
            return;
        }
        OptionalInt number = portNumber(port);
        if (number.isPresent()) {
            if (number.getAsInt() < 1 || number.getAsInt() > 65535) {
                errors.add(new FieldError("remote_port", port + " is out of range 1..65535"));
            }
        } else if (c.workloadType() == WorkloadType.PROXY) {
            errors.add(new FieldError("remote_port", "a proxy workload needs a port number, not '" + port + "'"));
        } else if (port.length() > 15 || !PORT_NAME.matcher(port).matches()) {
            errors.add(new FieldError("remote_port", "'" + port + "' is neither a port number nor a port name"));
        }
    }

    private static void checkAddresses(ForwardConfig c, List<FieldError> errors) {
        String address = c.localAddress();
        if (!blank(address) && !isIpLiteral(address.trim()) && !"localhost".equals(address.trim())) {
            errors.add(new FieldError("local_address", "'" + address + "' is not an IP address"));
        }
    }

    private static void checkNames(ForwardConfig c, List<FieldError> errors) {
        if (!PROTOCOL.matcher(c.protocol()).matches()) {
            errors.add(new FieldError("protocol", "'" + c.protocol() + "' is not a protocol name"));
        }
        if (!blank(c.alias()) && !ALIAS.matcher(c.alias()).matches()) {
            errors.add(new FieldError("alias", "'" + c.alias()
                    + "' must start with a letter or digit and use only letters, digits, '-', '_' or '.' (max 63)"));
        }
        if (c.domainEnabled() && blank(c.alias())) {
            errors.add(new FieldError("alias", "domain_enabled needs an alias to use as the host name"));
        }
        if (c.context() != null && c.context().isBlank()) {
            errors.add(new FieldError("context", "must not be blank; leave it out for the current context"));
        }
        if (c.group() != null && (c.group().length() > MAX_GROUP || c.group().chars().anyMatch(Character::isISOControl))) {
            errors.add(new FieldError("group", "must be at most " + MAX_GROUP + " characters on one line"));
        }
    }

    private static boolean isIpLiteral(String text) {
        boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = text.contains(":") && text.matches("[0-9A-Fa-f:.%\\[\\]]+");
        if (!v4 && !v6) {
            return false;
        }
        try {
            InetAddress.getByName(text); // literal only: no name lookup happens for these shapes
            return !v4 || text.chars().filter(ch -> ch == '.').count() == 3 && allOctets(text);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean allOctets(String v4) {
        for (String part : v4.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
