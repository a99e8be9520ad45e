package app.kftray.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.stream.LongStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A small HTTP/1.1 load generator: keep-alive GETs on a fixed number of connections, each
 * response read to its end (Content-Length bodies only, as a static file server sends them).
 */
final class HttpLoad {
    private static final int SOCKET_TIMEOUT_MS = 30_000;

    private HttpLoad() {
    }

    /**
     * @param requests how many responses arrived
     * @param bytes    body bytes received
     * @param nanos    how long it took
     */
    record Result(long requests, long bytes, long nanos) {
        double requestsPerSecond() {
            return requests / (nanos / 1e9);
        }

        double mibPerSecond() {
            return bytes / (nanos / 1e9) / (1 << 20);
        }
    }

    /**
     * GETs {@code path} again and again on {@code connections} keep-alive connections for {@code duration}.
     *
     * @return responses and body bytes across all connections
     */
    static Result hammer(InetSocketAddress server, String path, int connections, Duration duration)
            throws Exception {
        return timed(server, path, connections, duration).load();
    }

    /** GETs {@code path} {@code times} times on one keep-alive connection. */
    static Result download(InetSocketAddress server, String path, int times) throws IOException {
        long start = System.nanoTime();
        long[] counts = getUntil(server, path, Long.MAX_VALUE, times, nanos -> { });
        return new Result(counts[0], counts[1], System.nanoTime() - start);
    }

    /**
     * Figures of a timed load.
     *
     * @param load      responses, bytes and duration
     * @param latencies each request's latency in nanoseconds, sorted
     */
    record Timed(Result load, long[] latencies) {
        /** @return the latency below which {@code fraction} of the requests finished, in milliseconds */
        double percentileMillis(double fraction) {
            return latencies[Math.min(latencies.length - 1, (int) (fraction * latencies.length))] / 1e6;
        }
    }

    /**
     * As {@link #hammer}, timing every request.
     *
     * @return the load's figures and its latencies
     */
    static Timed timed(InetSocketAddress server, String path, int connections, Duration duration) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        try {
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            List<Future<long[]>> workers = new ArrayList<>();
            List<LongStream.Builder> latencies = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                LongStream.Builder mine = LongStream.builder();
                latencies.add(mine);
                workers.add(threads.submit(() -> getUntil(server, path, end, Long.MAX_VALUE, mine::add)));
            }
            long requests = 0;
            long bytes = 0;
            for (Future<long[]> worker : workers) {
                long[] counts = worker.get();
                requests += counts[0];
                bytes += counts[1];
            }
            long[] all = latencies.stream().flatMapToLong(LongStream.Builder::build).sorted().toArray();
            return new Timed(new Result(requests, bytes, System.nanoTime() - start), all);
        } finally {
            threads.shutdownNow();
        }
    }

    private static long[] getUntil(InetSocketAddress server, String path, long endNanos, long maxRequests,
                                   LongConsumer latencies) throws IOException {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: bench\r\nUser-Agent: kftray-bench\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] sink = new byte[256 * 1024];
        long requests = 0;
        long bytes = 0;
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(SOCKET_TIMEOUT_MS);
            socket.connect(server, SOCKET_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            while (requests < maxRequests && System.nanoTime() < endNanos) {
                long sent = System.nanoTime();
                out.write(request);
                long length = readHeaders(in);
                for (long left = length; left > 0; ) {
                    int n = in.read(sink, 0, (int) Math.min(sink.length, left));
                    if (n < 0) {
                        throw new IOException("the connection closed inside a body");
                    }
                    left -= n;
                }
                latencies.accept(System.nanoTime() - sent);
                requests++;
                bytes += length;
            }
        }
        return new long[] {requests, bytes};
    }

    /** @return the Content-Length of a 200 response whose head was just read */
    private static long readHeaders(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        long length = -1;
        boolean first = true;
        for (int c; (c = in.read()) >= 0; ) {
            if (c != '\n') {
                line.append((char) c);
                continue;
            }
            String text = line.toString().trim();
            line.setLength(0);
            if (first && !text.startsWith("HTTP/1.1 200")) {
                throw new IOException("unexpected response: " + text);
            }
            first = false;
            if (text.isEmpty()) {
                if (length < 0) {
                    throw new IOException("a response without Content-Length");
                }
                return length;
            }
            if (text.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(text.substring("content-length:".length()).trim());
            }
        }
        throw new IOException("the connection closed inside a response head");
    }
}
