package app.kftray.emulator.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A client's key and certificate, as kubeconfig's {@code client-certificate-data}/{@code client-key-data} hold them. */
public record ClientCredentials(PrivateKey key, X509Certificate certificate) {

    /** @return the certificate in PEM */
    public String certificatePem() {
        return CertificateAuthority.pem(certificate);
    }

    /** @return the key in PEM (PKCS#1, {@code BEGIN RSA PRIVATE KEY}, as kubeadm writes it) */
    public String keyPem() {
        return CertificateAuthority.pem(key);
    }
}
