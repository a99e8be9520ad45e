package app.kftray.testing.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Git over HTTPS as a small team would host it: nginx with basic auth in front of
 * {@code git http-backend} through fcgiwrap, with a certificate from a test CA made with openssl.
 * nginx runs as one foreground process (no workers, no user switch) with its own configuration in
 * the given directory, so several instances can run on one machine.
 */
public final class GitHttpsServer implements AutoCloseable {
    private static final Path BACKEND = Path.of("/usr/lib/git-core/git-http-backend");

    private final Process fcgiwrap;
    private final Process nginx;
    private final int port;
    private final Path caFile;

    private GitHttpsServer(Process fcgiwrap, Process nginx, int port, Path caFile) {
        this.fcgiwrap = fcgiwrap;
        this.nginx = nginx;
        this.port = port;
        this.caFile = caFile;
    }

    /**
     * @param root     the directory whose repositories are served under {@code /git/}
     * @param dir      an empty directory for configuration, certificates, sockets and logs
     * @param user     the basic-auth user
     * @param password its password (the token a client sends)
     */
    public static GitHttpsServer start(Path root, Path dir, String user, String password)
            throws IOException, InterruptedException {
        Path nginxBinary = Commands.require("nginx", "nginx", List.of(Path.of("/usr/sbin/nginx")));
        Path fcgiwrapBinary = Commands.require("fcgiwrap", "fcgiwrap", List.of(Path.of("/usr/sbin/fcgiwrap")));
        Commands.require("git http-backend", "git", List.of(BACKEND));
        Commands.require("openssl", "openssl", List.of(Path.of("/usr/bin/openssl")));
        Files.createDirectories(dir.resolve("temp"));
        Path caFile = certificates(dir);
        String hash = Commands.run(dir, "openssl", "passwd", "-apr1", password).trim();
        Files.writeString(dir.resolve("htpasswd"), user + ":" + hash + "\n");

        Path socket = dir.resolve("fcgiwrap.sock");
        Process fcgiwrap = new ProcessBuilder(fcgiwrapBinary.toString(), "-c", "2", "-s", "unix:" + socket)
                .redirectErrorStream(true).redirectOutput(dir.resolve("fcgiwrap.log").toFile()).start();
        awaitSocket(fcgiwrap, socket);

        int port = Commands.freePort();
        Files.writeString(dir.resolve("nginx.conf"), config(dir, root, socket, port));
        Path log = dir.resolve("nginx-console.log");
        Process nginx = new ProcessBuilder(nginxBinary.toString(), "-p", dir.toString(), "-c", "nginx.conf",
                "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Commands.awaitListening(nginx, port, log);
        } catch (RuntimeException | IOException e) {
            Commands.stop(fcgiwrap);
            throw e;
        }
        return new GitHttpsServer(fcgiwrap, nginx, port, caFile);
    }

    /** @return the https:// URL of a served repository */
    public String url(String repository) {
        return "https://127.0.0.1:" + port + "/git/" + repository;
    }

    /** @return the PEM file of the CA that signed the server's certificate (not in any trust store) */
    public Path caFile() {
        return caFile;
    }

    @Override
    public void close() {
        Commands.stop(nginx);
        Commands.stop(fcgiwrap);
    }

    /** A CA and a server certificate for 127.0.0.1 and localhost, both EC P-256. */
    private static Path certificates(Path dir) throws IOException {
        Commands.run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=kftray test git CA");
        Commands.run(dir, "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        Commands.run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", "server.pem", "-days", "2", "-copy_extensions", "copy");
        return dir.resolve("ca.pem");
    }

    private static void awaitSocket(Process process, Path socket) throws InterruptedException {
        for (int i = 0; i < 300 && !Files.exists(socket); i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("fcgiwrap exited with " + process.exitValue());
            }
            Thread.sleep(20);
        }
        if (!Files.exists(socket)) {
            throw new IllegalStateException("fcgiwrap did not create " + socket);
        }
    }

    private static String config(Path dir, Path root, Path socket, int port) {
        String temp = dir.resolve("temp").toString();
        return String.join("\n",
                "daemon off;",
                "master_process off;",
                "pid " + dir.resolve("nginx.pid") + ";",
                "events { worker_connections 64; }",
                "http {",
                "  access_log " + dir.resolve("access.log") + ";",
                "  client_body_temp_path " + temp + "/body;",
                "  proxy_temp_path " + temp + "/proxy;",
                "  fastcgi_temp_path " + temp + "/fastcgi;",
                "  uwsgi_temp_path " + temp + "/uwsgi;",
                "  scgi_temp_path " + temp + "/scgi;",
                "  server {",
                "    listen 127.0.0.1:" + port + " ssl;",
                "    ssl_certificate " + dir.resolve("server.pem") + ";",
                "    ssl_certificate_key " + dir.resolve("server.key") + ";",
                "    location ~ ^/git(/.*)$ {",
                "      auth_basic \"git\";",
                "      auth_basic_user_file " + dir.resolve("htpasswd") + ";",
                "      client_max_body_size 0;",
                "      include /etc/nginx/fastcgi_params;",
                "      fastcgi_param SCRIPT_FILENAME " + BACKEND + ";",
                "      fastcgi_param GIT_PROJECT_ROOT " + root + ";",
                "      fastcgi_param GIT_HTTP_EXPORT_ALL \"\";",
                "      fastcgi_param PATH_INFO $1;",
                "      fastcgi_param REMOTE_USER $remote_user;",
                "      fastcgi_pass unix:" + socket + ";",
                "    }",
                "  }",
                "}",
                "");
    }
}
