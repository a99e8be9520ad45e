package app.kftray.testing.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code git daemon} serving a directory of repositories over git:// on a free loopback port. */
public final class GitDaemon implements AutoCloseable {
    private final Process process;
    private final int port;

    private GitDaemon(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param root the directory whose repositories are served
     * @param logDir where its log goes
     */
    public static GitDaemon start(Path root, Path logDir) throws IOException, InterruptedException {
        Commands.require("git", "git", List.of(Path.of("/usr/bin/git"), Path.of("/usr/local/bin/git")));
        int port = Commands.freePort();
        Path log = logDir.resolve("git-daemon.log");
        Process process = new ProcessBuilder("git", "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1",
                "--port=" + port, "--base-path=" + root, root.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Commands.awaitListening(process, port, log);
        return new GitDaemon(process, port);
    }

    /** @return the git:// URL of a served repository */
    public String url(String repository) {
        return "git://127.0.0.1:" + port + "/" + repository;
    }

    @Override
    public void close() {
        Commands.stop(process);
    }
}
