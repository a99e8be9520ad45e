package app.kftray.itests.httplog;

import app.kftray.itests.forward.fixture.Cluster;
import app.kftray.itests.forward.fixture.Nginx;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A real nginx with the kinds of responses HTTP logging must get right: a static page, a large
 * binary file, a JSON file compressed on the fly (which nginx sends chunked) and a server-side
 * include page (chunked, not compressed).
 *
 * @param nginx     the server, stopped with the cluster
 * @param jsonBytes size of {@link #JSON} before compression
 */
record TestSite(Nginx nginx, long jsonBytes) {
    static final String PAGE = "<html><body><h1>kftray http log</h1></body></html>\n";
    static final String BIG = "/big.bin";
    static final long BIG_BYTES = 100L << 20;
    static final String JSON = "/data.json";
    static final String INCLUDE = "/ssi/page.html";
    /** gzip only for JSON (and nginx's default text/html), on any size; SSI only under /ssi/. */
    private static final String DIRECTIVES = String.join("\n",
            "    types { text/html html; application/json json; application/octet-stream bin; }",
            "    gzip on;",
            "    gzip_types application/json;",
            "    gzip_min_length 1;",
            "    location /ssi/ { ssi on; gzip off; }");

    /**
     * @param cluster where nginx is registered as a backend
     * @return nginx serving the files
     */
    static TestSite start(Cluster cluster) throws IOException, InterruptedException {
        Nginx nginx = cluster.nginx(PAGE, DIRECTIVES);
        Path root = nginx.docroot();
        String json = IntStream.range(0, 400)
                .mapToObj(i -> "{\"id\":" + i + ",\"name\":\"item " + i + "\",\"tags\":[\"a\",\"b\"]}")
                .collect(Collectors.joining(",", "[", "]\n"));
        Files.writeString(root.resolve(JSON.substring(1)), json);
        Path ssi = Files.createDirectories(root.resolve("ssi"));
        Files.writeString(ssi.resolve("page.html"),
                "<p>served at <!--# echo var=\"date_gmt\" --></p>\n<!--# include file=\"/index.html\" -->\n");
        return new TestSite(nginx, json.getBytes(StandardCharsets.UTF_8).length);
    }

    /** @return hex SHA-256 of {@link #BIG}, which is written now (only the tests that need it pay for it) */
    String writeBig() throws IOException {
        return writeRandom(nginx.docroot().resolve(BIG.substring(1)), BIG_BYTES, 42);
    }

    /**
     * @param file  where to write
     * @param bytes how many seeded random bytes
     * @param seed  the seed, so runs are reproducible
     * @return hex SHA-256 of what was written
     */
    static String writeRandom(Path file, long bytes, long seed) throws IOException {
        MessageDigest sha = sha256();
        SplittableRandom random = new SplittableRandom(seed);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
            for (long left = bytes; left > 0; left -= block.length) {
                for (int i = 0; i < block.length; i += 8) {
                    long value = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        block[i + b] = (byte) (value >>> (b * 8));
                    }
                }
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** @return hex SHA-256 of a file's content */
    static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
