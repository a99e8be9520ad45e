package app.kftray.sync.internal.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.ConfigSync.Auth;
import app.kftray.api.ConfigSync.Settings;
import app.kftray.api.ConfigSync.Status;
import app.kftray.api.KftrayHome;
import app.kftray.api.StandaloneStores;
import app.kftray.api.SyncException;
import app.kftray.api.model.ForwardConfig;
import app.kftray.testing.git.GitDaemon;
import app.kftray.testing.git.GitHttpsServer;
import app.kftray.testing.git.GitRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git sync against real servers: {@code git daemon} (git://) and nginx with {@code git http-backend}
 * and basic auth behind a test CA (https://), into a real SQLite store. The keyring here is one that
 * is absent, as on a server without a desktop session; the real Secret Service is tested end to end
 * with the launcher.
 */
class GitConfigSyncTest {
    private static final String TOKEN = "s3cr3t-token-4f1d9c";
    private static final String USER = "kftray";
    private static final String V1 = """
            [{"alias": "web", "context": "dev", "namespace": "default", "workload_type": "service",
              "service": "web", "protocol": "tcp", "local_port": 18080, "remote_port": 80},
             {"alias": "db", "context": "dev", "namespace": "default", "workload_type": "service",
              "service": "db", "protocol": "tcp", "local_port": 15432, "remote_port": 5432}]""";
    private static final String V2 = """
            [{"alias": "web", "context": "dev", "namespace": "default", "workload_type": "service",
              "service": "web", "protocol": "tcp", "local_port": 18080, "remote_port": 80, "domain_enabled": true},
             {"alias": "db", "context": "dev", "namespace": "default", "workload_type": "service",
              "service": "db", "protocol": "tcp", "local_port": 15432, "remote_port": 5432},
             {"alias": "cache", "context": "dev", "namespace": "default", "workload_type": "service",
              "service": "cache", "protocol": "tcp", "local_port": 16379, "remote_port": 6379}]""";

    @TempDir
    static Path dir;
    static GitRepository repo;
    static GitDaemon daemon;
    static GitHttpsServer https;
    static String firstCommit;

    @TempDir
    Path home;
    StandaloneStores stores;
    GitConfigSync sync;

    @BeforeAll
    static void startServers() throws Exception {
        Path repos = Files.createDirectories(dir.resolve("repos"));
        repo = GitRepository.create(repos, "configs.git", "main");
        firstCommit = repo.commit("main", "team/configs.json", V1);
        repo.commit("main", "broken.json", "{\"alias\": \"half");
        daemon = GitDaemon.start(repos, dir);
        https = GitHttpsServer.start(repos, Files.createDirectories(dir.resolve("https")), USER, TOKEN);
    }

    @AfterAll
    static void stopServers() {
        https.close();
        daemon.close();
    }

    @BeforeEach
    void open() {
        stores = ServiceLoader.load(StandaloneStores.Factory.class).findFirst().orElseThrow().open(home);
        sync = new GitConfigSync(stores.configs(), home, new AbsentKeyring());
    }

    @AfterEach
    void close() throws Exception {
        repo.commit("main", "team/configs.json", V1);
        stores.close();
    }

    @Test
    void gitDaemonSyncAppliesTheFileThenOnlyNewCommits() throws Exception {
        sync.configure(settings(daemon.url("configs.git"), "team/configs.json", false), null);
        Status first = sync.syncNow(false);
        assertNull(first.lastError());
        assertEquals(2, first.created());
        assertEquals(List.of("db", "web"), aliases());
        String applied = first.commit();

        Status again = sync.syncNow(false);
        assertEquals(applied, again.commit());
        assertEquals(first.appliedAt(), again.appliedAt()); // nothing fetched or applied again

        String pushed = repo.commit("main", "team/configs.json", V2);
        Status second = sync.syncNow(false);
        assertNull(second.lastError());
        assertEquals(pushed, second.commit());
        assertEquals(1, second.created());
        assertEquals(1, second.updated());
        assertEquals(List.of("cache", "db", "web"), aliases());
        assertTrue(stores.configs().find("web").orElseThrow().domainEnabled());
    }

    @Test
    void aLocalRepositoryPathSyncsToo() {
        sync.configure(settings(repo.directory().toString(), "team/configs.json", false), null);
        Status status = sync.syncNow(false);
        assertNull(status.lastError());
        assertEquals(List.of("db", "web"), aliases());
    }

    @Test
    void httpsWithTokenAndCaBundleAppliesAndTheTokenStaysOutOfTheDatabase() throws Exception {
        Status status = syncOverHttps(TOKEN, https.caFile().toString());
        assertNull(status.lastError());
        assertEquals(2, status.created());
        assertEquals("file", status.tokenStore());
        Path tokenFile = home.resolve("sync-token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
        stores.close();
        for (Path file : List.of(KftrayHome.of(home).database(), home.resolve("kftray.db-wal"))) {
            if (Files.exists(file)) {
                assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(TOKEN), file.toString());
            }
        }
        stores = ServiceLoader.load(StandaloneStores.Factory.class).findFirst().orElseThrow().open(home);
        assertFalse(stores.configs().exportJson(List.of()).contains(TOKEN));
    }

    @Test
    void aWrongTokenIsRefusedChangesNothingAndTheRightOneThenApplies() throws Exception {
        Status refused = syncOverHttps("wrong-token", https.caFile().toString());
        assertTrue(refused.lastError().contains("refused the credentials (401/403)"), refused.lastError());
        assertFalse(refused.lastError().contains("wrong-token"));
        assertNull(refused.commit());
        assertEquals(List.of(), aliases());

        Status applied = syncOverHttps(TOKEN, https.caFile().toString());
        assertNull(applied.lastError());
        assertEquals(List.of("db", "web"), aliases());
    }

    @Test
    void anUntrustedCertificateIsRefusedAndChangesNothing() throws Exception {
        Status refused = syncOverHttps(TOKEN, null);
        assertTrue(refused.lastError().contains("is not trusted"), refused.lastError());
        assertTrue(refused.lastError().contains("--ca-file"), refused.lastError());
        assertEquals(List.of(), aliases());
    }

    @Test
    void badInputGetsAOneLineErrorLeavesTheForwardsAloneAndALaterSyncStillApplies() throws Exception {
        sync.configure(settings(daemon.url("configs.git"), "team/configs.json", false), null);
        sync.syncNow(false);
        List<ForwardConfig> saved = stores.configs().list();

        assertError(settings("git://127.0.0.1:" + closedPort() + "/configs.git", "team/configs.json", false),
                "cannot reach git://127.0.0.1:");
        assertError(settings(daemon.url("missing.git"), "team/configs.json", false), "no Git repository at");
        assertError(branch(settings(daemon.url("configs.git"), "team/configs.json", false), "nope"),
                "branch 'nope' does not exist in " + daemon.url("configs.git") + " (it has main)");
        assertError(settings(daemon.url("configs.git"), "team/missing.json", false),
                "file 'team/missing.json' does not exist on branch 'main'");
        assertError(settings(daemon.url("configs.git"), "broken.json", false), "broken.json is not a valid configs.json");
        assertEquals(saved, stores.configs().list());

        repo.commit("main", "team/configs.json", V2);
        sync.configure(settings(daemon.url("configs.git"), "team/configs.json", false), null);
        assertNull(sync.syncNow(false).lastError());
        assertEquals(List.of("cache", "db", "web"), aliases());
    }

    @Test
    void flushReplacesTheSavedForwards() throws Exception {
        repo.commit("main", "team/configs.json", V2);
        sync.configure(settings(daemon.url("configs.git"), "team/configs.json", false), null);
        sync.syncNow(false);
        repo.commit("main", "team/configs.json", V1);
        sync.configure(settings(daemon.url("configs.git"), "team/configs.json", true), null);
        Status flushed = sync.syncNow(false);
        assertEquals(1, flushed.removed());
        assertEquals(List.of("db", "web"), aliases());
    }

    @Test
    void aTokenWithoutKeyringIsRefusedUnlessTheUserOptsIntoAFile() {
        Settings withToken = new Settings(https.url("configs.git"), "team/configs.json", null, Duration.ofMinutes(10),
                false, Auth.TOKEN, USER, null, null, https.caFile().toString(), false);
        SyncException refused = assertThrows(SyncException.class, () -> sync.configure(withToken, TOKEN));
        assertTrue(refused.getMessage().contains("no keyring is available"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--token-file"), refused.getMessage());
        assertEquals(Optional.empty(), sync.settings());
        assertFalse(Files.exists(home.resolve("sync-token")));
    }

    @Test
    void malformedSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> sync.configure(
                settings("https://user:" + TOKEN + "@127.0.0.1/x.git", "configs.json", false), null));
        assertThrows(IllegalArgumentException.class, () -> sync.configure(settings(daemon.url("configs.git"), " ", false), null));
        assertThrows(IllegalArgumentException.class, () -> sync.configure(new Settings(daemon.url("configs.git"),
                "configs.json", null, Duration.ofMinutes(1), false, Auth.NONE, null, null, null,
                dir.resolve("repos/configs.git/HEAD").toString(), false), null));
        SyncException off = assertThrows(SyncException.class, () -> sync.syncNow(false));
        assertTrue(off.getMessage().startsWith("sync is off"), off.getMessage());
    }

    private Status syncOverHttps(String token, String caFile) {
        sync.configure(new Settings(https.url("configs.git"), "team/configs.json", null, Duration.ofMinutes(10), false,
                Auth.TOKEN, USER, null, null, caFile, true), token);
        return sync.syncNow(false);
    }

    private void assertError(Settings settings, String expected) {
        sync.configure(settings, null);
        Status status = sync.syncNow(true);
        assertTrue(status.lastError() != null && status.lastError().contains(expected),
                "expected '" + expected + "' in: " + status.lastError());
        assertFalse(status.lastError().contains("\n"), status.lastError());
    }

    private static Settings settings(String url, String path, boolean flush) {
        return new Settings(url, path, null, Duration.ofMinutes(10), flush, Auth.NONE, null, null, null, null, false);
    }

    private static Settings branch(Settings s, String branch) {
        return new Settings(s.url(), s.path(), branch, s.interval(), s.flush(), s.auth(), s.user(), s.keyFile(),
                s.knownHosts(), s.caFile(), s.tokenFile());
    }

    private List<String> aliases() {
        return stores.configs().list().stream().map(ForwardConfig::alias).sorted().toList();
    }

    private static int closedPort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A machine without a keyring (no D-Bus session): what java-keyring reports there. */
    private static final class AbsentKeyring implements TokenStore {
        @Override
        public String kind() {
            return "keyring";
        }

        @Override
        public void put(String token) {
            throw new SyncException("cannot store the token in the OS keyring: no keyring is available"
                    + " (No available keyring backend found)", null);
        }

        @Override
        public Optional<String> get() {
            return Optional.empty();
        }

        @Override
        public void delete() {
            // nothing stored
        }
    }
}
