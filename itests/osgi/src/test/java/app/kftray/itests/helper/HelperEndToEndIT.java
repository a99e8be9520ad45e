package app.kftray.itests.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.kftray.itests.forward.fixture.Cluster;
import app.kftray.itests.forward.fixture.Nginx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The helper as users meet it, as root on a real machine would run it: in a private mount
 * namespace whose {@code /etc/hosts} is a copy bind-mounted over it and whose {@code /run} is
 * empty, the helper runs as root on its default socket, and {@code kftray --headless} runs as an
 * ordinary user (nobody) with a forward that wants its own address and a host name. curl then
 * reaches nginx by that name through the emulated cluster, also on port 80 of the forward's own
 * address, which the helper bound and passed to kftray; stopping the forwards removes the names. The steps run as one shell script (helper/it/helper-e2e.sh on the class path) whose output
 * sections this test reads.
 */
class HelperEndToEndIT {
    private static final int NOBODY = 65534;
    private static final String ALIAS = "web.kftray.test";
    /** A forward on port 80 of its own address: the helper binds it, as nobody may not. */
    private static final String LOW_ALIAS = "www.kftray.test";
    private static final int PORT = 18080;
    private static final String PAGE = "served through the helper's host name\n";

    @TempDir
    Path dir;

    @AfterAll
    static void stopCluster() throws Exception {
        Cluster.shutdown();
    }

    @Test
    void aHostNameAndAnOwnAddressForAForwardOfAnOrdinaryUser() throws Exception {
        assumeTrue(isRoot() && Files.isExecutable(Path.of("/usr/bin/unshare")), "needs root and unshare (as in CI)");
        long started = System.nanoTime();
        Cluster cluster = Cluster.get();
        Nginx nginx = cluster.nginx(PAGE);
        cluster.service("web", nginx.address());
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dist = copyDistribution(dir.resolve("dist"));
        Path kubeconfig = Files.copy(cluster.kubeconfig(), dir.resolve("kubeconfig"));
        Files.setPosixFilePermissions(kubeconfig, PosixFilePermissions.fromString("rw-r--r--"));
        Path home = Files.createDirectories(dir.resolve("home"));
        String context = cluster.emulator().contextName();
        Files.writeString(dir.resolve("configs.json"), "[" + forward(ALIAS, PORT, context, kubeconfig) + ","
                + forward(LOW_ALIAS, 80, context, kubeconfig) + "]");
        Files.writeString(dir.resolve("helper.json"), "{\"socket\":\"/run/kftray-helper/helper.sock\",\"allowed_uids\":["
                + NOBODY + "],\"hosts_file\":\"/etc/hosts\",\"state_file\":\"" + dir.resolve("state.json") + "\"}");
        Files.copy(Path.of("/etc/hosts"), dir.resolve("hosts"));
        String systemHosts = Files.readString(dir.resolve("hosts"), StandardCharsets.ISO_8859_1);
        chown(home);

        System.out.println("prepared in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        Map<String, String> out = runScript(dist);

        // the two forwards start together: which gets 127.0.0.2 and which 127.0.0.3 varies
        String address = ownAddress(out.get("running"), ALIAS, PORT);
        String lowAddress = ownAddress(out.get("running"), LOW_ALIAS, 80);
        assertEquals(java.util.Set.of("127.0.0.2", "127.0.0.3"), java.util.Set.of(address, lowAddress));
        assertTrue(out.get("hosts while running").contains(address + "\t" + ALIAS + "\t# kftray uid=" + NOBODY + " id=1\n"),
                out.get("hosts while running"));
        assertTrue(out.get("hosts while running").contains(lowAddress + "\t" + LOW_ALIAS + "\t# kftray uid=" + NOBODY
                + " id=2\n"), out.get("hosts while running"));
        assertEquals(PAGE.strip(), out.get("curl by name").strip(), "curl http://" + ALIAS + ":" + PORT + "/");
        assertEquals(PAGE.strip(), out.get("curl port 80 by name").strip(), "curl http://" + LOW_ALIAS + "/");
        assertTrue(out.get("helper status").startsWith("helper: answering on /run/kftray-helper/helper.sock"),
                out.get("helper status"));
        assertTrue(out.get("saved address").contains("\"local_address\" : \"" + address + "\""), out.get("saved address"));
        assertTrue(out.get("saved address").contains("\"local_address\" : \"" + lowAddress + "\""), out.get("saved address"));
        assertFalse(out.get("hosts after stop").contains(ALIAS), out.get("hosts after stop"));
        assertFalse(out.get("hosts after stop").contains(LOW_ALIAS), out.get("hosts after stop"));
        assertEquals(systemHosts, Files.readString(dir.resolve("hosts"), StandardCharsets.ISO_8859_1),
                "the hosts file is byte for byte what it was");
        assertTrue(out.get("curl after stop").startsWith("curl: (6) Could not resolve host: " + ALIAS),
                out.get("curl after stop"));
    }

    /** @return the address the runtime reported the forward listening on, checked to be its own 127.0.0.N */
    private static String ownAddress(String log, String alias, int port) {
        Matcher running = Pattern.compile(Pattern.quote(alias) + ": (127\\.0\\.0\\.\\d+):" + port + " -> pod web-1:80")
                .matcher(log);
        assertTrue(running.find(), alias + " running on its own address, port " + port + ":\n" + log);
        assertFalse(running.group(1).equals("127.0.0.1"), log);
        return running.group(1);
    }

    /** A forward of kftray's configs.json that wants its own address and a host name. */
    private static String forward(String alias, int port, String context, Path kubeconfig) {
        return "{\"alias\":\"" + alias + "\",\"namespace\":\"dev\",\"service\":\"web\",\"remote_port\":\"80\","
                + "\"local_port\":" + port + ",\"workload_type\":\"service\",\"protocol\":\"tcp\",\"context\":\""
                + context + "\",\"kubeconfig\":\"" + kubeconfig + "\",\"domain_enabled\":true,"
                + "\"auto_loopback_address\":true,\"auto_start\":true}";
    }

    /** Runs the script in a new mount namespace; returns its sections (between "== NAME" lines). */
    private Map<String, String> runScript(Path dist) throws IOException, InterruptedException {
        Path script = dir.resolve("helper-e2e.sh");
        try (var in = HelperEndToEndIT.class.getResourceAsStream("/helper/it/helper-e2e.sh")) {
            Files.copy(in, script);
        }
        ProcessBuilder builder = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", script.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("script.log").toFile());
        builder.environment().put("DIR", dir.toString());
        builder.environment().put("DIST", dist.toString());
        builder.environment().put("ALIAS", ALIAS);
        builder.environment().put("LOW_ALIAS", LOW_ALIAS);
        builder.environment().put("PORT", Integer.toString(PORT));
        builder.environment().put("RUN_AS", "--reuid=" + NOBODY + " --regid=" + NOBODY + " --clear-groups");
        builder.environment().remove("DISPLAY");
        builder.environment().remove("KUBECONFIG");
        Process process = builder.start();
        boolean ended = process.waitFor(180, TimeUnit.SECONDS);
        String log = Files.readString(dir.resolve("script.log"));
        if (!ended) {
            process.destroyForcibly();
        }
        assertTrue(ended, "the script ended:\n" + log);
        assertEquals(0, process.exitValue(), log);
        Map<String, String> sections = new LinkedHashMap<>();
        String name = null;
        StringBuilder text = new StringBuilder();
        for (String line : log.split("\n", -1)) {
            if (line.startsWith("== ")) {
                if (name != null) {
                    sections.put(name, text.toString());
                }
                name = line.substring(3);
                text.setLength(0);
            } else {
                text.append(line).append('\n');
            }
        }
        sections.put(name, text.toString());
        System.out.println(log);
        Path steps = dir.resolve("steps.log");
        System.out.println(Files.exists(steps) ? Files.readString(steps) : "no steps");
        return sections;
    }

    /** A copy the ordinary user can read wherever the build tree lives. */
    private static Path copyDistribution(Path target) throws IOException {
        Path built = Path.of(System.getProperty("kftray.dist"));
        try (Stream<Path> files = Files.walk(built)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(built.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        try (Stream<Path> files = Files.walk(target)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
                        Files.isDirectory(file) || Files.isExecutable(file) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return target;
    }

    private static void chown(Path home) throws IOException, InterruptedException {
        Process chown = new ProcessBuilder("chown", NOBODY + ":" + NOBODY, home.toString()).inheritIO().start();
        assertTrue(chown.waitFor(10, TimeUnit.SECONDS) && chown.exitValue() == 0, "chown " + home);
    }

    private static boolean isRoot() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    }
}
