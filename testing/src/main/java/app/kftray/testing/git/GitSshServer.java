package app.kftray.testing.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Git over SSH: a private OpenSSH server on a free loopback port, with its own configuration, host
 * key and authorized key in the given directory, letting only the current user in with that key.
 * Also hands out a known_hosts file naming its host key, and can start an SSH agent holding the key.
 */
public final class GitSshServer implements AutoCloseable {
    private final Process sshd;
    private final int port;
    private final Path dir;
    private final String user;
    private Process agent;

    private GitSshServer(Process sshd, int port, Path dir, String user) {
        this.sshd = sshd;
        this.port = port;
        this.dir = dir;
        this.user = user;
    }

    /** @param dir an empty directory for configuration, keys and logs */
    public static GitSshServer start(Path dir) throws IOException, InterruptedException {
        Path binary = Commands.require("sshd", "openssh-server", List.of(Path.of("/usr/sbin/sshd")));
        Commands.require("ssh-keygen", "openssh-client", List.of(Path.of("/usr/bin/ssh-keygen")));
        String user = System.getProperty("user.name");
        Commands.run(dir, "ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-C", "host", "-f", "host_key");
        Commands.run(dir, "ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-C", "client", "-f", "client_key");
        Commands.run(dir, "ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-C", "stranger", "-f", "stranger_key");
        Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
        if ("root".equals(user)) {
            // sshd started as root needs its privilege separation directory (the package's unit creates it at boot)
            Files.createDirectories(Path.of("/run/sshd"));
        }
        int port = Commands.freePort();
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "AllowUsers " + user,
                "PermitRootLogin prohibit-password",
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                ""));
        String hostKey = Files.readString(dir.resolve("host_key.pub")).trim().replaceFirst("\\s+host$", "");
        Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + hostKey + "\n");
        Path log = dir.resolve("sshd.log");
        Process sshd = new ProcessBuilder(binary.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Commands.awaitListening(sshd, port, log);
        return new GitSshServer(sshd, port, dir, user);
    }

    /** @return the ssh:// URL of a repository given by its absolute path */
    public String url(Path repository) {
        return "ssh://" + user + "@127.0.0.1:" + port + repository;
    }

    /** @return the private key the server lets in */
    public Path clientKey() {
        return dir.resolve("client_key");
    }

    /** @return a private key the server does not know */
    public Path strangerKey() {
        return dir.resolve("stranger_key");
    }

    /** @return a known_hosts file with the server's host key */
    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /**
     * Starts an SSH agent holding {@link #clientKey()}.
     *
     * @return the environment that points a process at it ({@code SSH_AUTH_SOCK})
     */
    public synchronized Map<String, String> agent() throws IOException, InterruptedException {
        Path socket = dir.resolve("agent.sock");
        if (agent == null) {
            Commands.require("ssh-agent", "openssh-client", List.of(Path.of("/usr/bin/ssh-agent")));
            agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).start();
            for (int i = 0; i < 250 && !Files.exists(socket); i++) {
                Thread.sleep(20);
            }
            Commands.run(dir, Map.of("SSH_AUTH_SOCK", socket.toString()), null, "ssh-add", "-q",
                    clientKey().toString());
        }
        return Map.of("SSH_AUTH_SOCK", socket.toString());
    }

    @Override
    public synchronized void close() {
        if (agent != null) {
            Commands.stop(agent);
        }
        Commands.stop(sshd);
    }
}
