package app.kftray.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx serving a directory on a free loopback port: one foreground process without
 * workers, configured and logging in its own directory, so stopping it is one signal.
 */
public final class NginxServer implements AutoCloseable {
    private static final long START_MILLIS = 10_000;

    private final Process process;
    private final InetSocketAddress address;

    private NginxServer(Process process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    /**
     * @param dir     its directory; {@code dir/www} is served
     * @param workers worker processes ({@code 0} for a single process)
     * @return nginx once it accepts connections
     */
    public static NginxServer start(Path dir, int workers) throws IOException, InterruptedException {
        Path www = Files.createDirectories(dir.resolve("www"));
        Path temp = Files.createDirectories(dir.resolve("temp"));
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                "daemon off;",
                workers == 0 ? "master_process off;" : "worker_processes " + workers + ";",
                "pid " + dir.resolve("nginx.pid") + ";",
                "events { worker_connections 1024; }",
                "http {",
                "  access_log off;",
                "  keepalive_requests 1000000;",
                "  client_body_temp_path " + temp + "/body;",
                "  proxy_temp_path " + temp + "/proxy;",
                "  fastcgi_temp_path " + temp + "/fastcgi;",
                "  uwsgi_temp_path " + temp + "/uwsgi;",
                "  scgi_temp_path " + temp + "/scgi;",
                "  server { listen 127.0.0.1:" + port + "; root " + www + "; }",
                "}", ""));
        Process process = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", "nginx.conf",
                "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile()).start();
        NginxServer nginx = new NginxServer(process, new InetSocketAddress("127.0.0.1", port));
        long deadline = System.currentTimeMillis() + START_MILLIS;
        while (System.currentTimeMillis() < deadline && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(nginx.address, 200);
                return nginx;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        nginx.close();
        throw new IllegalStateException("nginx did not start; see " + dir.resolve("error.log")
                + " (is the Debian package nginx installed?)");
    }

    /** @return where it listens */
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
