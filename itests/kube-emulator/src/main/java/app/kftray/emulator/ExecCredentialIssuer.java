package app.kftray.emulator;

import app.kftray.emulator.auth.Identity;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A credential exec plugin for kubeconfigs, as EKS, GKE and AKS use them: a shell script that asks a
 * small token endpoint beside the emulator for a fresh token each time it runs, and prints it as a
 * {@code client.authentication.k8s.io/v1} ExecCredential. Each token is issued by the emulator for
 * the given identity and expires after the given time (then 401). The plugin can be made to fail or
 * print garbage, as broken plugins do. Close it to stop the endpoint.
 */
public final class ExecCredentialIssuer implements AutoCloseable {
    /** What the plugin prints. */
    public enum Mode {
        /** a fresh token */
        TOKEN,
        /** nothing, and exits with status 1 (an expired SSO session, say) */
        FAIL,
        /** text that is no ExecCredential */
        GARBAGE
    }

    public static final String API_VERSION = "client.authentication.k8s.io/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubeEmulator emulator;
    private final Identity identity;
    private final Duration ttl;
    private final HttpServer server;
    private final Path script;
    private final AtomicInteger issued = new AtomicInteger();
    private volatile Mode mode = Mode.TOKEN;

    private ExecCredentialIssuer(KubeEmulator emulator, Identity identity, Duration ttl, HttpServer server, Path script) {
        this.emulator = emulator;
        this.identity = identity;
        this.ttl = ttl;
        this.server = server;
        this.script = script;
    }

    /**
     * @param emulator issues the tokens
     * @param identity whom they are for
     * @param ttl      how long each is valid
     * @param dir      where the plugin script is written
     * @return the running endpoint, with its script
     */
    public static ExecCredentialIssuer start(KubeEmulator emulator, Identity identity, Duration ttl, Path dir)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        Path script = dir.resolve("kube-token-" + server.getAddress().getPort() + ".sh");
        ExecCredentialIssuer issuer = new ExecCredentialIssuer(emulator, identity, ttl, server, script);
        server.createContext("/token", issuer::answer);
        server.start();
        Files.createDirectories(dir);
        Files.writeString(script, "#!/bin/sh\n# kubeconfig exec plugin: a fresh token from the emulator's token endpoint\n"
                + "exec curl -sSf http://127.0.0.1:" + server.getAddress().getPort() + "/token\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return issuer;
    }

    /** @return the exec plugin script */
    public Path script() {
        return script;
    }

    /** @return how many tokens the plugin has fetched */
    public int issued() {
        return issued.get();
    }

    /** @param mode what the plugin prints from now on */
    public void mode(Mode mode) {
        this.mode = mode;
    }

    /**
     * Writes a kubeconfig whose only context uses this plugin for credentials.
     *
     * @param file      where
     * @param name      the context's name
     * @param namespace its namespace
     * @return the file
     */
    public Path writeKubeconfig(Path file, String name, String namespace) throws IOException {
        KubeconfigWriter.write(file, java.util.List.of(emulator.context(name, namespace, null)));
        return KubeconfigEdits.useExecPlugin(file, name, script, API_VERSION);
    }

    private void answer(HttpExchange exchange) throws IOException {
        Mode now = mode;
        byte[] body;
        int status = 200;
        if (now == Mode.FAIL) {
            status = 500;
            body = "the identity provider refused the sign-in\n".getBytes(StandardCharsets.UTF_8);
        } else if (now == Mode.GARBAGE) {
            body = "<html>Please sign in</html>\n".getBytes(StandardCharsets.UTF_8);
        } else {
            String token = emulator.issueToken(identity, ttl);
            issued.incrementAndGet();
            body = JSON.writeValueAsBytes(Map.of("apiVersion", API_VERSION, "kind", "ExecCredential",
                    "status", Map.of("token", token, "expirationTimestamp", Instant.now().plus(ttl).toString())));
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
