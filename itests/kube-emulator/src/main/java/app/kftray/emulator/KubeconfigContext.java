package app.kftray.emulator;

/**
 * One context of a kubeconfig: its server URL, the CA to trust (PEM, null for plain HTTP), the bearer token
 * (null for none) and the default namespace.
 */
public record KubeconfigContext(String name, String server, String caPem, String token, String namespace) {
}
