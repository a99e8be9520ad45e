package app.kftray.kube.internal.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.GeneralSecurityException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS engine of the tunnels to API servers: OpenSSL (BoringSSL from netty-tcnative) where its
 * native library loads, since it encrypts bulk data at a fraction of the JDK engine's CPU cost, and
 * the JDK's engine otherwise. Both take the kubeconfig's CA trust (or its skip-verify), its client
 * certificate and host name verification alike.
 */
public enum TunnelTls {
    /** BoringSSL through netty-tcnative. */
    OPENSSL(SslProvider.OPENSSL),
    /** The JDK's SSLEngine. */
    JDK(SslProvider.JDK);

    private static final Logger LOG = LoggerFactory.getLogger(TunnelTls.class);
    private static final AtomicBoolean REPORTED = new AtomicBoolean();

    private final SslProvider provider;

    TunnelTls(SslProvider provider) {
        this.provider = provider;
    }

    /**
     * @return OpenSSL when its native library loads here (and {@code io.netty.handler.ssl.noOpenSsl} is not set),
     *     else the JDK
     */
    public static TunnelTls preferred() {
        return OpenSsl.isAvailable() ? OPENSSL : JDK;
    }

    /** @return whether this engine can be used in this process */
    public boolean available() {
        return this == JDK || OpenSsl.isAvailable();
    }

    /** @return the engine and its version, e.g. for {@code kftray doctor} and the log */
    public String describe() {
        return this == OPENSSL ? "OpenSSL (" + OpenSsl.versionString() + ", netty-tcnative)"
                : "JDK " + Runtime.version().feature() + " SSLEngine"
                        + (OpenSsl.isAvailable() ? "" : " (OpenSSL unavailable: " + unavailability() + ")");
    }

    private static String unavailability() {
        Throwable cause = OpenSsl.unavailabilityCause();
        return cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /**
     * @param config a resolved configuration of an https API server
     * @return a client context with its trust, client certificate and host name verification
     * @throws GeneralSecurityException if the certificates or keys cannot be read
     * @throws IOException              if a certificate or key file cannot be read
     */
    SslContext context(Config config) throws GeneralSecurityException, IOException {
        if (REPORTED.compareAndSet(false, true)) {
            LOG.info("tunnels to API servers use TLS from {}", describe());
        }
        KeyManager[] keys = SSLUtils.keyManagers(config);
        TrustManager[] trust = SSLUtils.trustManagers(config);
        SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(provider)
                // skip-verify trusts any certificate for any name, as kubectl does
                .endpointIdentificationAlgorithm(config.isTrustCerts() ? null : "HTTPS");
        if (keys != null && keys.length > 0) {
            builder.keyManager(keys[0]);
        }
        if (trust != null && trust.length > 0) {
            builder.trustManager(trust[0]);
        }
        return builder.build();
    }
}
