package app.kftray.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TCP segments on the loopback interface between some ports, with the kernel's timestamps: what each side
 * of a forwarded connection sent and when, seen from outside every process alike. Runs the packet capture
 * script in the bench's resources (python3 with a packet socket, so root or CAP_NET_RAW); SYNs and segments
 * with data are kept, bare ACKs are not.
 */
final class LoopbackCapture implements AutoCloseable {
    /**
     * One segment.
     *
     * @param nanos   when the kernel saw it (wall clock, ns)
     * @param from    source port
     * @param to      destination port
     * @param syn     whether it opens a connection
     * @param length  payload bytes
     */
    record Segment(long nanos, int from, int to, boolean syn, int length) {
    }

    private final Process process;
    private final Path output;
    private final Path script;

    private LoopbackCapture(Process process, Path output, Path script) {
        this.process = process;
        this.output = output;
        this.script = script;
    }

    /** @return whether a capture can run here: python3 and the right to open a packet socket */
    static boolean available() {
        return ExternalTool.installed("python3") && ProcessHandle.current().info().user().map("root"::equals)
                .orElse(false);
    }

    /**
     * Starts capturing; returns once the capture is listening.
     *
     * @param ports the segments to keep: those from or to one of these
     */
    static LoopbackCapture start(int... ports) throws IOException {
        Path script = Files.createTempFile("loopback-capture", ".py");
        try (InputStream in = LoopbackCapture.class.getResourceAsStream("loopback-capture.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path output = Files.createTempFile("loopback-capture", ".txt");
        List<String> command = new ArrayList<>(List.of("python3", script.toString(), output.toString()));
        for (int port : ports) {
            command.add(Integer.toString(port));
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII));
        if (!"ready".equals(lines.readLine())) {
            process.destroyForcibly();
            throw new IOException("the loopback capture did not start (it needs root for a packet socket)");
        }
        return new LoopbackCapture(process, output, script);
    }

    /** Stops capturing. @return what was captured, in order of time */
    List<Segment> stop() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        List<Segment> segments = new ArrayList<>();
        for (String line : Files.readAllLines(output, StandardCharsets.US_ASCII)) {
            String[] f = line.split(" ");
            segments.add(new Segment(Long.parseLong(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                    (Integer.parseInt(f[3]) & 0x02) != 0, Integer.parseInt(f[4])));
        }
        segments.sort((a, b) -> Long.compare(a.nanos(), b.nanos()));
        return segments;
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(output);
        Files.deleteIfExists(script);
    }
}
