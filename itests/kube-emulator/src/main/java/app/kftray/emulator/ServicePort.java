package app.kftray.emulator;

/**
 * A service port ({@code spec.ports[]}). {@code targetPort} is either a number or a container port name,
 * exactly as in the Service object.
 */
public record ServicePort(int port, String name, Object targetPort, String protocol) {

    public ServicePort {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (!(targetPort instanceof Integer || targetPort instanceof String)) {
            throw new IllegalArgumentException("targetPort must be a number or a port name: " + targetPort);
        }
    }

    /** A TCP service port forwarding to a numbered container port. */
    public static ServicePort port(int port, String name, int targetPort) {
        return new ServicePort(port, name, targetPort, "TCP");
    }

    /** A TCP service port forwarding to a named container port. */
    public static ServicePort port(int port, String name, String targetPortName) {
        return new ServicePort(port, name, targetPortName, "TCP");
    }
}
