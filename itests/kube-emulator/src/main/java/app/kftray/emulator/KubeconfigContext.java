package app.kftray.emulator;

import app.kftray.emulator.tls.ClientCredentials;

/**
 * One context of a kubeconfig: its server URL, the CA to trust (PEM, null for plain HTTP), the bearer token
 * (null for none), the default namespace, and a client certificate (null for none).
 */
public record KubeconfigContext(String name, String server, String caPem, String token, String namespace,
                                ClientCredentials clientCertificate) {

    /** A context without a client certificate. */
    public KubeconfigContext(String name, String server, String caPem, String token, String namespace) {
        this(name, server, caPem, token, namespace, null);
    }

    /** @return this context presenting {@code credentials} as its client certificate */
    public KubeconfigContext withClientCertificate(ClientCredentials credentials) {
        return new KubeconfigContext(name, server, caPem, token, namespace, credentials);
    }
}
