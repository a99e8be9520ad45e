package app.kftray.emulator.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/** The API server's key and certificate chain. */
public record ServerCredentials(PrivateKey key, X509Certificate certificate, X509Certificate issuer) {

    /** A server-side TLS context (HTTP/1.1 only, no ALPN, so Go clients settle on http/1.1). */
    public SslContext sslContext() {
        try {
            return SslContextBuilder.forServer(key, certificate, issuer).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the API server's TLS context", e);
        }
    }
}
