package app.kftray.sync.internal.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.ConfigSync.Auth;
import app.kftray.api.ConfigSync.Settings;
import app.kftray.api.ConfigSync.Status;
import app.kftray.api.StandaloneStores;
import app.kftray.api.model.ForwardConfig;
import app.kftray.testing.git.GitRepository;
import app.kftray.testing.git.GitSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Git sync over SSH against a private OpenSSH server: a key file, known_hosts checking, refusals. */
class GitSshSyncTest {
    private static final String CONFIGS = """
            [{"alias": "web", "context": "dev", "namespace": "default", "workload_type": "service",
              "service": "web", "protocol": "tcp", "local_port": 18080, "remote_port": 80}]""";

    @TempDir
    static Path dir;
    static GitRepository repo;
    static GitSshServer ssh;

    @TempDir
    Path home;
    StandaloneStores stores;
    GitConfigSync sync;

    @BeforeAll
    static void startServer() throws Exception {
        Path repos = Files.createDirectories(dir.resolve("repos"));
        repo = GitRepository.create(repos, "configs.git", "main");
        repo.commit("main", "configs.json", CONFIGS);
        ssh = GitSshServer.start(Files.createDirectories(dir.resolve("ssh")));
    }

    @AfterAll
    static void stopServer() {
        ssh.close();
    }

    @BeforeEach
    void open() {
        stores = ServiceLoader.load(StandaloneStores.Factory.class).findFirst().orElseThrow().open(home);
        sync = new GitConfigSync(stores.configs(), home, new KeyringTokens());
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void aKeyFileWithAKnownHostKeySyncs() {
        Status status = syncWith(ssh.clientKey(), ssh.knownHosts());
        assertNull(status.lastError());
        assertEquals(List.of("web"), stores.configs().list().stream().map(ForwardConfig::alias).toList());
    }

    @Test
    void anUnknownHostKeyIsRefused() throws Exception {
        Path empty = Files.writeString(home.resolve("empty_known_hosts"), "");
        Status status = syncWith(ssh.clientKey(), empty);
        assertTrue(status.lastError().contains("host key"), status.lastError());
        assertEquals(List.of(), stores.configs().list());
    }

    @Test
    void aKeyTheServerDoesNotKnowIsRefused() {
        Status status = syncWith(ssh.strangerKey(), ssh.knownHosts());
        assertTrue(status.lastError().contains("refused the SSH key"), status.lastError());
        assertEquals(List.of(), stores.configs().list());
    }

    private Status syncWith(Path key, Path knownHosts) {
        sync.configure(new Settings(ssh.url(repo.directory()), "configs.json", null, Duration.ofMinutes(10), false,
                Auth.SSH_KEY, null, key.toString(), knownHosts.toString(), null, false), null);
        return sync.syncNow(false);
    }
}
