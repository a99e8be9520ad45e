package app.kftray.kube.internal.cluster;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import io.fabric8.kubernetes.client.Config;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;

/**
 * The kubeconfig user's client certificate, checked before it is presented: an expired one is named,
 * with its subject and {@code notAfter}, instead of the bare 401 or TLS alert an API server answers.
 */
final class ClientCertificate {
    private ClientCertificate() {
    }

    /**
     * @param config the cluster's configuration
     * @param now    the time now
     * @throws KubeException when the user's client certificate has expired (retried like an outage, so
     *                       a renewed certificate is picked up without a restart)
     */
    static void checkNotExpired(Config config, Instant now) {
        X509Certificate certificate = read(config);
        if (certificate != null && now.isAfter(certificate.getNotAfter().toInstant())) {
            throw new KubeException(Reason.UNREACHABLE, "the client certificate of the kubeconfig user ("
                    + certificate.getSubjectX500Principal().getName() + ") expired at "
                    + certificate.getNotAfter().toInstant() + " (notAfter); renew it to reach "
                    + config.getMasterUrl(), null);
        }
    }

    /** @return the certificate (the first of a chain), or {@code null} when there is none or it cannot be read */
    private static X509Certificate read(Config config) {
        try (InputStream in = open(config)) {
            return in == null ? null : (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException | IllegalArgumentException | ClassCastException e) {
            return null; // an unreadable certificate fails the TLS set-up, which names it
        }
    }

    private static InputStream open(Config config) throws IOException {
        String data = config.getClientCertData();
        if (data != null && !data.isBlank()) {
            byte[] decoded = data.contains("-----BEGIN") ? data.getBytes(java.nio.charset.StandardCharsets.US_ASCII)
                    : Base64.getMimeDecoder().decode(data);
            return new ByteArrayInputStream(decoded);
        }
        String file = config.getClientCertFile();
        return file == null || file.isBlank() ? null : Files.newInputStream(Path.of(file));
    }
}
