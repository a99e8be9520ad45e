package app.kftray.emulator;

import app.kftray.emulator.tls.CertificateAuthority;
import app.kftray.emulator.tls.ServerCredentials;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A real TLS front (Debian's {@code stunnel4}) on a free loopback port that hands each connection on
 * to a plain one behind it: in front of an HTTP proxy it makes an {@code https://} proxy. Its
 * certificate, for {@code 127.0.0.1}, is issued by the given CA. Close it to stop it.
 */
public final class Stunnel implements AutoCloseable {
    private final LocalDaemon daemon;

    private Stunnel(LocalDaemon daemon) {
        this.daemon = daemon;
    }

    /**
     * @param dir     where its configuration, key and output go
     * @param ca      issues its certificate
     * @param backend where it hands the decrypted connections on to
     * @return the running front, once it accepts connections
     * @throws IOException if stunnel is missing or does not start
     */
    public static Stunnel start(Path dir, CertificateAuthority ca, InetSocketAddress backend)
            throws IOException, InterruptedException {
        String program = LocalDaemon.locate("stunnel4", "stunnel4");
        Files.createDirectories(dir);
        ServerCredentials credentials = ca.issueServer("https-proxy", List.of("localhost"), List.of("127.0.0.1"));
        Path certificate = Files.writeString(dir.resolve("stunnel.crt"), credentials.certificatePem());
        Path key = Files.writeString(dir.resolve("stunnel.key"), credentials.keyPem());
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        return new Stunnel(LocalDaemon.start("stunnel4", dir.resolve("stunnel.out"), port -> {
            Path config = dir.resolve("stunnel-" + port + ".conf");
            Files.writeString(config, String.join("\n", List.of(
                    "foreground = yes", "pid =", "[proxy]", "accept = 127.0.0.1:" + port,
                    "connect = " + backend.getHostString() + ":" + backend.getPort(),
                    "cert = " + certificate, "key = " + key)) + "\n");
            return List.of(program, config.toString());
        }));
    }

    public InetSocketAddress address() {
        return daemon.address();
    }

    /** @return {@code https://127.0.0.1:PORT}, as a kubeconfig's {@code proxy-url} */
    public String url() {
        return "https://127.0.0.1:" + address().getPort();
    }

    @Override
    public void close() {
        daemon.close();
    }
}
