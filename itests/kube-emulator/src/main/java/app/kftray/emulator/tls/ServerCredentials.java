package app.kftray.emulator.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/** The API server's key and certificate chain. */
public record ServerCredentials(PrivateKey key, X509Certificate certificate, X509Certificate issuer) {

    /** A server-side TLS context (HTTP/1.1 only, no ALPN, so Go clients settle on http/1.1). */
    public SslContext sslContext() {
        return sslContext(false);
    }

    /**
     * @param requireClientCertificate whether clients must present a certificate issued by the same CA, as an API
     *                                 server started with {@code --client-ca-file} asks of certificate users
     * @return a server-side TLS context
     */
    public SslContext sslContext(boolean requireClientCertificate) {
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(key, certificate, issuer);
            if (requireClientCertificate) {
                builder.trustManager(issuer).clientAuth(ClientAuth.REQUIRE);
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the API server's TLS context", e);
        }
    }

    /** @return the certificate followed by its issuer's, in PEM, as TLS servers such as stunnel read a chain */
    public String certificatePem() {
        return CertificateAuthority.pem(certificate) + CertificateAuthority.pem(issuer);
    }

    /** @return the key in PEM, PKCS#8 ({@code BEGIN PRIVATE KEY}), which OpenSSL 3 reads for any key type */
    public String keyPem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        .encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
