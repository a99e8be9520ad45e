package app.kftray.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real program from a Debian package (a proxy, a TLS front) started on a free loopback port and
 * stopped by {@link #close()}. Shared by the emulator's stand-ins for what sits between users and
 * their clusters.
 */
final class LocalDaemon implements AutoCloseable {
    private static final int START_ATTEMPTS = 3;
    private static final Duration LISTEN_WITHIN = Duration.ofSeconds(10);

    /** Builds the command line of one start on the given port. */
    interface Command {
        List<String> on(int port) throws IOException;
    }

    private final String name;
    private final Process process;
    private final InetSocketAddress address;

    private LocalDaemon(String name, Process process, InetSocketAddress address) {
        this.name = name;
        this.process = process;
        this.address = address;
    }

    /**
     * @param name    the program, for messages
     * @param out     where its output goes (appended)
     * @param command its command line for a port
     * @return it, once it accepts connections on 127.0.0.1
     * @throws IOException if it exits or does not listen (after a few ports, in case another process took one)
     */
    static LocalDaemon start(String name, Path out, Command command) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            try {
                return startOnce(name, out, command, freePort());
            } catch (IOException e) {
                last = e; // most likely another process took the port first
            }
        }
        throw last;
    }

    private static LocalDaemon startOnce(String name, Path out, Command command, int port)
            throws IOException, InterruptedException {
        Files.createDirectories(out.getParent());
        Process process = new ProcessBuilder(command.on(port)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
        LocalDaemon daemon = new LocalDaemon(name, process, new InetSocketAddress("127.0.0.1", port));
        long deadline = System.nanoTime() + LISTEN_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with status " + process.exitValue() + ": "
                        + (Files.exists(out) ? Files.readString(out).strip() : ""));
            }
            try (Socket probe = new Socket()) {
                probe.connect(daemon.address, 200);
                return daemon;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        daemon.close();
        throw new IOException(name + " did not listen on " + daemon.address + " within " + LISTEN_WITHIN.toSeconds() + " s");
    }

    /**
     * @param program  the executable's name
     * @param debianPackage the package it comes with, for the error
     * @return its path
     * @throws IOException if it is not installed
     */
    static String locate(String program, String debianPackage) throws IOException {
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IOException(program + " is not installed (Debian package " + debianPackage + ")");
    }

    InetSocketAddress address() {
        return address;
    }

    /** Kills it at once: it has nothing to save, and a graceful stop waits for open connections. */
    @Override
    public void close() {
        try {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
