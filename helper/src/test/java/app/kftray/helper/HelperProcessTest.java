package app.kftray.helper;

import app.kftray.helper.hosts.HostsText;
import com.sun.security.auth.module.UnixSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The helper as its own process: its command line, and what {@code kill -9} in the middle of writes leaves. */
class HelperProcessTest {
    private static final String SYSTEM_HOSTS = "127.0.0.1\tlocalhost\n10.0.0.1\tdb.internal\n";

    @TempDir
    Path dir;

    private Process startHelper(Path config) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("helper.log").toFile()).start();
    }

    private Path writeConfig(String json) throws IOException {
        return Files.writeString(dir.resolve("config.json"), json);
    }

    @Test
    void killedInTheMiddleOfBatchesLeavesACompleteParseableHostsFile() throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), SYSTEM_HOSTS, StandardCharsets.ISO_8859_1);
        Path socket = dir.resolve("helper.sock");
        Path config = writeConfig("{\"socket\":\"" + socket + "\",\"allowed_uids\":[" + new UnixSystem().getUid()
                + "],\"hosts_file\":\"" + hosts + "\",\"state_file\":\"" + dir.resolve("state.json") + "\"}");
        for (int round = 0; round < 3; round++) {
            Files.deleteIfExists(socket); // a killed helper leaves it behind
            Process helper = startHelper(config);
            awaitSocket(socket, helper);
            AtomicInteger acknowledged = new AtomicInteger();
            List<Thread> writers = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int client = c;
                Thread writer = new Thread(() -> flood(socket, client, acknowledged));
                writer.start();
                writers.add(writer);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (acknowledged.get() < 20 + 30 * round) {
                assertTrue(System.nanoTime() < deadline, () -> "writes not acknowledged: " + log());
                Thread.sleep(5);
            }
            helper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            for (Thread writer : writers) {
                writer.join(10_000);
            }
            HostsText parsed = HostsText.parse(Files.readString(hosts, StandardCharsets.ISO_8859_1));
            assertEquals(SYSTEM_HOSTS, parsed.before() + parsed.after(), "round " + round);
            assertTrue(parsed.entries().stream().allMatch(entry -> entry.name().endsWith(".test")));
        }
        Files.deleteIfExists(socket);
        Process helper = startHelper(config);
        awaitSocket(socket, helper);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(file -> file.getFileName().toString().endsWith(".tmp")).toList(),
                    "leftover temporary files are removed at start");
        }
        helper.destroy();
        assertTrue(helper.waitFor(10, TimeUnit.SECONDS));

        Process clear = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--config", config.toString(), "--clear")
                .redirectErrorStream(true).start();
        assertTrue(clear.waitFor(20, TimeUnit.SECONDS));
        String report = new String(clear.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, clear.exitValue(), report);
        assertTrue(report.matches("kftray-helper: \\d+ hosts entries and 0 loopback addresses removed\\s*"), report);
        assertEquals(SYSTEM_HOSTS, Files.readString(hosts, StandardCharsets.ISO_8859_1));
    }

    /** Adds batches of 20 entries until the helper is gone. */
    private static void flood(Path socket, int client, AtomicInteger acknowledged) {
        for (int batch = 0; ; batch++) {
            StringBuilder entries = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                entries.append(i == 0 ? "" : ",").append("{\"id\":\"c").append(client).append('-').append(batch % 50)
                        .append('-').append(i).append("\",\"name\":\"n").append(batch).append('-').append(i).append(".c")
                        .append(client).append(".test\",\"address\":\"127.0.0.2\"}");
            }
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
                channel.write(ByteBuffer.wrap(("{\"version\":1,\"op\":\"hosts.add\",\"entries\":[" + entries + "]}\n")
                        .getBytes(StandardCharsets.UTF_8)));
                ByteBuffer answer = ByteBuffer.allocate(256);
                if (channel.read(answer) <= 0) {
                    return;
                }
                acknowledged.incrementAndGet();
            } catch (IOException gone) {
                return;
            }
        }
    }

    private void awaitSocket(Path socket, Process helper) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(socket)) {
            assertTrue(helper.isAlive(), () -> "helper exited: " + log());
            assertTrue(System.nanoTime() < deadline, () -> "no socket within 20 s: " + log());
            Thread.sleep(20);
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("helper.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void refusesAnUnusableConfigurationListingEveryProblem() throws Exception {
        Path config = writeConfig("{\"socket\":\"relative.sock\",\"allowed_uids\":[-1],\"hosts\":\"/etc/hosts\"}");
        Process helper = startHelper(config);
        assertTrue(helper.waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, helper.exitValue());
        String output = log();
        assertTrue(output.contains("hosts: unknown setting"), output);
        assertTrue(output.contains("socket: relative.sock is not an absolute path"), output);
        assertTrue(output.contains("allowed_uids: -1 is not a user id"), output);
        assertTrue(output.contains("hosts_file: missing"), output);
        assertTrue(output.contains("state_file: missing"), output);

        writeConfig("{not json");
        Process again = startHelper(config);
        assertTrue(again.waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, again.exitValue());
        assertTrue(log().contains("is invalid: not valid JSON"), log());
    }
}
