package app.kftray.itests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.testing.git.GitHttpsServer;
import app.kftray.testing.git.GitRepository;
import app.kftray.testing.git.GitSshServer;
import app.kftray.testing.git.SecretService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git sync as a user runs it: {@code kftray sync set} puts the token into a real Secret Service
 * (gnome-keyring in a private D-Bus session), a running {@code kftray --headless} applies a pushed
 * change to the file within one interval, and a wrong token or an untrusted certificate is refused
 * without touching the saved forwards. The token must never reach the database, a log or an export.
 */
class SyncEndToEndIT {
    private static final String TOKEN = "ghp-e2e-7c0ffee9d1";
    private static final String USER = "kftray";
    private static final int INTERVAL_SECONDS = 3;
    private static final String PATH = "team/configs.json";

    @TempDir
    Path dir;

    private SecretService keyring;
    private GitRepository repo;
    private GitHttpsServer https;
    private Path home;
    private final List<String> outputs = new ArrayList<>();

    @BeforeEach
    void servers() throws Exception {
        keyring = SecretService.start(Files.createDirectories(dir.resolve("session")));
        Path repos = Files.createDirectories(dir.resolve("repos"));
        repo = GitRepository.create(repos, "configs.git", "main");
        repo.commit("main", PATH, configs("web", "db"));
        https = GitHttpsServer.start(repos, Files.createDirectories(dir.resolve("https")), USER, TOKEN);
        home = dir.resolve("home");
    }

    @AfterEach
    void stop() {
        https.close();
        keyring.close();
    }

    @Test
    void theHeadlessRuntimeAppliesAPushWithinOneIntervalWithTheTokenInTheKeyring() throws Exception {
        KftrayProcess.Result set = sync(TOKEN, "--ca-file", https.caFile().toString());
        assertEquals(0, set.exit(), set.text());
        assertEquals(TOKEN, keyring.lookup("service", "kftray", "account", "git-sync-token").trim());

        try (KftrayProcess headless = KftrayProcess.launch(home, keyring.environment(), "--headless")) {
            headless.await("Git sync applied", 60);
            assertEquals(List.of("db", "web"), aliases());

            long pushed = System.nanoTime();
            String commit = repo.commit("main", PATH, configs("web", "db", "cache"));
            headless.await("Git sync applied " + commit.substring(0, 12), INTERVAL_SECONDS + 20);
            long millis = (System.nanoTime() - pushed) / 1_000_000;
            System.out.println("push applied by the headless runtime after " + millis + " ms (interval "
                    + INTERVAL_SECONDS + " s)");
            assertEquals(List.of("cache", "db", "web"), aliases());

            KftrayProcess.Result status = run(null, "sync", "status");
            assertTrue(status.text().contains("commit:     " + commit), status.text());
            assertTrue(status.text().contains("1 created, 0 updated, 0 removed"), status.text());
            assertTrue(status.text().contains("token in the keyring"), status.text());

            KftrayProcess.Result export = run(null, "export");
            assertEquals(0, export.exit(), export.text());
            assertFalse(export.text().contains(TOKEN));
            headless.terminate(30);
            outputs.add(headless.output());
        }
        assertTokenNowhere();
    }

    @Test
    void aWrongTokenAndAnUntrustedCertificateAreRefusedAndChangeNothing() throws Exception {
        assertEquals(0, sync(TOKEN, "--ca-file", https.caFile().toString()).exit());
        assertEquals(0, run(null, "sync", "now").exit());
        List<String> saved = aliases();
        repo.commit("main", PATH, configs("web", "db", "cache"));

        assertEquals(0, sync("not-the-token", "--ca-file", https.caFile().toString()).exit());
        KftrayProcess.Result wrong = run(null, "sync", "now");
        assertEquals(1, wrong.exit());
        assertTrue(wrong.text().contains("refused the credentials (401/403)"), wrong.text());
        assertEquals(saved, aliases());

        assertEquals(0, sync(TOKEN).exit());
        KftrayProcess.Result untrusted = run(null, "sync", "now");
        assertEquals(1, untrusted.exit());
        assertTrue(untrusted.text().contains("is not trusted"), untrusted.text());
        assertEquals(saved, aliases());

        assertEquals(0, sync(TOKEN, "--ca-file", https.caFile().toString()).exit());
        KftrayProcess.Result good = run(null, "sync", "now");
        assertEquals(0, good.exit(), good.text());
        assertEquals(List.of("cache", "db", "web"), aliases());

        KftrayProcess.Result off = run(null, "sync", "off");
        assertEquals(0, off.exit());
        assertEquals("", keyring.lookup("service", "kftray", "account", "git-sync-token"));
        assertTokenNowhere();
    }

    @Test
    void withoutAKeyringATokenIsRefusedUnlessTheUserOptsIntoAnOwnerOnlyFile() throws Exception {
        Map<String, String> noSession = Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + dir.resolve("no-bus"),
                "HOME", dir.toString());
        KftrayProcess.Result refused = KftrayProcess.run(home, noSession, TOKEN, "sync", "set", "--url",
                https.url("configs.git"), "--path", PATH, "--user", USER, "--token-stdin");
        outputs.add(refused.text());
        assertEquals(1, refused.exit(), refused.text());
        assertTrue(refused.text().contains("--token-file"), refused.text());
        assertTrue(run(null, "sync", "status").text().contains("sync is off"));

        KftrayProcess.Result file = KftrayProcess.run(home, noSession, TOKEN, "sync", "set", "--url",
                https.url("configs.git"), "--path", PATH, "--user", USER, "--token-stdin", "--token-file",
                "--ca-file", https.caFile().toString());
        outputs.add(file.text());
        assertEquals(0, file.exit(), file.text());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve("sync-token"))));
        KftrayProcess.Result now = KftrayProcess.run(home, noSession, null, "sync", "now");
        assertEquals(0, now.exit(), now.text());
        assertEquals(List.of("db", "web"), aliases());
    }

    @Test
    void sshWithTheAgentSyncs() throws Exception {
        try (GitSshServer ssh = GitSshServer.start(Files.createDirectories(dir.resolve("ssh")))) {
            Map<String, String> agent = ssh.agent();
            KftrayProcess.Result set = KftrayProcess.run(home, agent, null, "sync", "set", "--url",
                    ssh.url(repo.directory()), "--path", PATH, "--known-hosts", ssh.knownHosts().toString());
            assertEquals(0, set.exit(), set.text());
            KftrayProcess.Result now = KftrayProcess.run(home, agent, null, "sync", "now");
            assertEquals(0, now.exit(), now.text());
            assertEquals(List.of("db", "web"), aliases());
        }
    }

    private KftrayProcess.Result sync(String token, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("sync", "set", "--url", https.url("configs.git"), "--path", PATH,
                "--user", USER, "--token-stdin", "--interval", INTERVAL_SECONDS + "s"));
        args.addAll(List.of(more));
        return run(token, args.toArray(String[]::new));
    }

    private KftrayProcess.Result run(String stdin, String... args) throws Exception {
        KftrayProcess.Result result = KftrayProcess.run(home, keyring.environment(), stdin, args);
        outputs.add(result.text());
        return result;
    }

    private List<String> aliases() throws Exception {
        KftrayProcess.Result list = run(null, "export");
        List<String> aliases = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"alias\"\\s*:\\s*\"([^\"]+)\"").matcher(list.text());
        while (m.find()) {
            aliases.add(m.group(1));
        }
        return aliases.stream().sorted().toList();
    }

    /** The token is in no file of the kftray home but the keyring's, and in no output or log of any command. */
    private void assertTokenNowhere() throws Exception {
        for (String output : outputs) {
            assertFalse(output.contains(TOKEN), "the token leaked into output: " + output);
        }
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(bytes.contains(TOKEN), "the token is in " + file);
            }
        }
    }

    private static String configs(String... aliases) {
        StringBuilder json = new StringBuilder("[");
        int port = 18000;
        for (String alias : aliases) {
            json.append(json.length() > 1 ? "," : "").append("{\"alias\":\"").append(alias)
                    .append("\",\"context\":\"dev\",\"namespace\":\"default\",\"workload_type\":\"service\",")
                    .append("\"service\":\"").append(alias).append("\",\"protocol\":\"tcp\",\"local_port\":")
                    .append(port++).append(",\"remote_port\":80}");
        }
        return json.append("]").toString();
    }
}
