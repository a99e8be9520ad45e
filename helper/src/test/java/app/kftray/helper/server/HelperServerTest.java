package app.kftray.helper.server;

import app.kftray.helper.config.HelperConfig;
import app.kftray.helper.loopback.LinuxLoopbackDevice;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.security.auth.module.UnixSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The helper on a real Unix socket, with a temporary hosts file and state file ({@code socket.bind}
 * is tested together with its client, in the helper-client bundle).
 */
class HelperServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYSTEM_HOSTS = "127.0.0.1\tlocalhost\n# keep me \u00e9\r\n::1\tlocalhost ip6-localhost\n";
    private static final int MY_UID = (int) new UnixSystem().getUid();

    @TempDir
    Path dir;
    private Path hosts;
    private Path state;
    private HelperServer server;
    private HelperClient client;

    @BeforeEach
    void start() throws IOException {
        // the socket's directory must be reachable by other users for the refused-uid test
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        hosts = dir.resolve("hosts");
        state = dir.resolve("state.json");
        Files.write(hosts, SYSTEM_HOSTS.getBytes(StandardCharsets.ISO_8859_1));
        server = startServer();
        client = new HelperClient(dir.resolve("helper.sock"));
    }

    private HelperServer startServer() throws IOException {
        HelperConfig config = new HelperConfig(dir.resolve("helper.sock"), Set.of(MY_UID), hosts, state);
        return HelperServer.start(config, new LinuxLoopbackDevice(), "test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode call(String json) throws IOException {
        return JSON.readTree(client.request(json));
    }

    private static void assertRefused(JsonNode answer, String message) {
        assertEquals(false, answer.get("ok").booleanValue(), answer.toString());
        assertTrue(answer.get("error").textValue().contains(message), answer.toString());
    }

    private String outsideTheBlock() throws IOException {
        String text = Files.readString(hosts, StandardCharsets.ISO_8859_1);
        int begin = text.indexOf("# BEGIN kftray");
        if (begin < 0) {
            return text;
        }
        int end = text.indexOf('\n', text.indexOf("# END kftray")) + 1;
        return text.substring(0, begin) + text.substring(end);
    }

    @Test
    void answersPingVersionAndStatus() throws IOException {
        assertEquals("{\"ok\":true}", client.request("{\"version\":1,\"op\":\"ping\"}"));
        assertEquals(1, call("{\"version\":1,\"op\":\"version\"}").get("protocol").intValue());
        JsonNode status = call("{\"version\":1,\"op\":\"status\"}");
        assertEquals(MY_UID, status.get("uid").intValue());
        assertEquals(hosts.toString(), status.get("hosts_file").textValue());
        assertEquals(0, status.get("hosts_entries").intValue());
    }

    @Test
    void keepsHostsEntriesInItsBlockOnly() throws IOException {
        JsonNode added = call("{\"version\":1,\"op\":\"hosts.add\",\"entries\":[{\"id\":\"7\",\"name\":\"grafana.dev\","
                + "\"address\":\"127.0.0.2\"},{\"id\":\"8\",\"name\":\"db.dev\",\"address\":\"127.0.0.3\"}]}");
        assertTrue(added.get("ok").booleanValue(), added.toString());
        String text = Files.readString(hosts, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("127.0.0.2\tgrafana.dev\t# kftray uid=" + MY_UID + " id=7\n"), text);
        assertEquals(SYSTEM_HOSTS, outsideTheBlock());

        JsonNode list = call("{\"version\":1,\"op\":\"hosts.list\"}");
        assertEquals(2, list.get("entries").size());
        assertRefused(call("{\"version\":1,\"op\":\"hosts.add\",\"entries\":[{\"id\":\"9\",\"name\":\"GRAFANA.dev\","
                + "\"address\":\"127.0.0.4\"}]}"), "name: GRAFANA.dev is already mapped by id 7");

        assertEquals(1, call("{\"version\":1,\"op\":\"hosts.remove\",\"ids\":[\"7\",\"unknown\"]}").get("removed").intValue());
        assertEquals(1, call("{\"version\":1,\"op\":\"hosts.remove_all\"}").get("removed").intValue());
        assertArrayEquals(SYSTEM_HOSTS.getBytes(StandardCharsets.ISO_8859_1), Files.readAllBytes(hosts));
    }

    @Test
    void thousandRandomEditsFromFourClientsLeaveExactlyTheExpectedBlock() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Map<String, String>>> expected = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int clientNumber = c;
            expected.add(clients.submit(() -> randomEdits(clientNumber, 250)));
        }
        Map<String, String> all = new HashMap<>();
        for (Future<Map<String, String>> one : expected) {
            all.putAll(one.get(120, TimeUnit.SECONDS));
        }
        clients.shutdown();
        JsonNode list = call("{\"version\":1,\"op\":\"hosts.list\"}");
        Map<String, String> actual = new HashMap<>();
        list.get("entries").forEach(entry -> actual.put(entry.get("id").textValue(), entry.get("name").textValue()));
        assertEquals(all, actual);
        assertEquals(SYSTEM_HOSTS, outsideTheBlock());
    }

    /** One client's share: adds and removes among its own ids; returns what it expects to remain (id to name). */
    private Map<String, String> randomEdits(int clientNumber, int count) throws IOException {
        Random random = new Random(clientNumber);
        Map<String, String> mine = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String id = "c" + clientNumber + "-" + random.nextInt(20);
            JsonNode answer;
            if (random.nextBoolean()) {
                String name = "svc" + random.nextInt(1000) + ".c" + clientNumber + ".test";
                if (mine.containsValue(name)) {
                    continue;
                }
                answer = call("{\"version\":1,\"op\":\"hosts.add\",\"entries\":[{\"id\":\"" + id + "\",\"name\":\"" + name
                        + "\",\"address\":\"127.0.0." + (2 + clientNumber) + "\"}]}");
                mine.put(id, name);
            } else {
                answer = call("{\"version\":1,\"op\":\"hosts.remove\",\"ids\":[\"" + id + "\"]}");
                mine.remove(id);
            }
            assertTrue(answer.get("ok").booleanValue(), answer.toString());
        }
        return mine;
    }

    @Test
    void refusesBadConnectionsAndKeepsServing() throws Exception {
        String oversized = client.exchange(("{\"version\":1,\"op\":\"ping\",\"pad\":\"" + "x".repeat(20_000))
                .getBytes(StandardCharsets.UTF_8), false);
        assertRefused(JSON.readTree(oversized), "request is longer than 16384 bytes");
        String truncated = client.exchange("{\"version\":1,\"op\":\"pi".getBytes(StandardCharsets.UTF_8), true);
        assertRefused(JSON.readTree(truncated), "request ended before its newline");
        assertRefused(call("{\"version\":1,\"op\":\"shell\",\"command\":\"id\"}"), "op: \"shell\" is not an operation");
        assertRefused(call("{\"version\":1,\"op\":\"hosts.add\",\"entries\":[{\"id\":\"1\",\"name\":\"a\\nb\","
                + "\"address\":\"127.0.0.2\"}]}"), "name: only A-Z a-z 0-9 - and dots are allowed");
        assertRefused(JSON.readTree(client.exchange("\n".getBytes(StandardCharsets.UTF_8), false)), "request is empty");
        assertEquals(SYSTEM_HOSTS, Files.readString(hosts, StandardCharsets.ISO_8859_1));
        assertEquals("{\"ok\":true}", client.request("{\"version\":1,\"op\":\"ping\"}"));
    }

    @Test
    void refusesACallerThatSendsNothing() throws IOException {
        long start = System.nanoTime();
        String answer = client.exchange(new byte[0], false);
        assertRefused(JSON.readTree(answer), "no complete request within 5 s");
        assertTrue(System.nanoTime() - start >= TimeUnit.SECONDS.toNanos(4), "closed only after the timeout");
    }

    @Test
    void refusesAUserNotAllowed() throws Exception {
        // uid 65534 (nobody) talks to the socket through perl, which every Debian system has
        Process process = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "perl", "-MIO::Socket::UNIX", "-e",
                "my $s = IO::Socket::UNIX->new(Peer => $ARGV[0]) or die \"connect: $!\\n\";"
                        + " print $s qq({\"version\":1,\"op\":\"hosts.remove_all\"}\\n); print <$s>;",
                dir.resolve("helper.sock").toString()).redirectErrorStream(true).start();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS));
        String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.exitValue(), answer);
        assertRefused(JSON.readTree(answer), "uid 65534 is not allowed to use the kftray helper");
    }

    @Test
    void allocatesTheSameLoopbackAddressForTheSameKeyAcrossRestarts() throws IOException {
        String first = call("{\"version\":1,\"op\":\"loopback.allocate\",\"key\":\"7\"}").get("address").textValue();
        String second = call("{\"version\":1,\"op\":\"loopback.allocate\",\"key\":\"8\"}").get("address").textValue();
        assertEquals("127.0.0.2", first);
        assertNotEquals(first, second);
        assertEquals(first, call("{\"version\":1,\"op\":\"loopback.allocate\",\"key\":\"7\"}").get("address").textValue());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));

        server.close();
        server = startServer();
        assertEquals(second, call("{\"version\":1,\"op\":\"loopback.allocate\",\"key\":\"8\"}").get("address").textValue());
        assertTrue(call("{\"version\":1,\"op\":\"loopback.release\",\"address\":\"" + first + "\"}").get("ok").booleanValue());
        assertEquals(first, call("{\"version\":1,\"op\":\"loopback.allocate\",\"key\":\"9\"}").get("address").textValue());
    }


}
