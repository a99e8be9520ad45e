package app.kftray.emulator;

/** A container port of a pod ({@code spec.containers[].ports[]}); {@code name} may be null. */
public record ContainerPort(String name, int containerPort, String protocol) {

    public ContainerPort {
        if (containerPort < 1 || containerPort > 65535) {
            throw new IllegalArgumentException("containerPort out of range: " + containerPort);
        }
    }

    /** A named TCP container port. */
    public static ContainerPort containerPort(String name, int port) {
        return new ContainerPort(name, port, "TCP");
    }

    /** An unnamed TCP container port. */
    public static ContainerPort containerPort(int port) {
        return new ContainerPort(null, port, "TCP");
    }
}
