package app.kftray.sync.internal.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

/**
 * JGit's HTTP connections with certificates always verified: a repository's or the user's
 * {@code http.sslVerify=false} is ignored, and a configured CA bundle is trusted besides the
 * JDK's authorities. (JGit's own session would install a trust-all manager for sslVerify=false.)
 */
final class VerifyingConnectionFactory extends JDKHttpConnectionFactory {
    private volatile TrustManager[] trust;

    /** @param caFile a PEM bundle of extra authorities, or {@code null} for the JDK's alone */
    void trust(Path caFile) throws IOException, GeneralSecurityException {
        trust = caFile == null ? null : new TrustManager[] {withExtraAuthorities(caFile)};
    }

    @Override
    public GitSession newSession() {
        return new GitSession() {
            @Override
            public HttpConnection configure(HttpConnection connection, boolean sslVerify)
                    throws GeneralSecurityException {
                TrustManager[] managers = trust;
                if (managers != null) {
                    connection.configure(null, managers, null);
                }
                return connection;
            }

            @Override
            public void close() {
                // nothing held per session
            }
        };
    }

    private static X509TrustManager withExtraAuthorities(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int index = 0;
        for (X509Certificate certificate : jdkAuthorities()) {
            store.setCertificateEntry("jdk-" + index++, certificate);
        }
        Collection<? extends Certificate> extra;
        try (InputStream in = Files.newInputStream(caFile)) {
            extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (extra.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + caFile);
        }
        for (Certificate certificate : extra) {
            store.setCertificateEntry("extra-" + index++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return x509(factory);
    }

    private static List<X509Certificate> jdkAuthorities() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return new ArrayList<>(List.of(x509(factory).getAcceptedIssuers()));
    }

    private static X509TrustManager x509(TrustManagerFactory factory) throws GeneralSecurityException {
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK has no X.509 trust manager");
    }
}
