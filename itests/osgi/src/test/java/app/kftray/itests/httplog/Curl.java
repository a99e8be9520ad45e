package app.kftray.itests.httplog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real curl binary, fetching one URL into a file and reporting what it received. */
final class Curl {
    private static final String WRITE_OUT = "%{http_code} %{size_download} %{size_header}";
    private static final int MAX_SECONDS = 120;

    private Curl() {
    }

    /**
     * What curl saw.
     *
     * @param status       response status
     * @param sizeDownload body bytes as received, chunk framing removed, still content-encoded
     * @param sizeHeader   bytes of status line and headers
     * @param body         where the body was saved
     */
    record Result(int status, long sizeDownload, long sizeHeader, Path body) {
    }

    /**
     * @param url     what to fetch
     * @param body    where to save the body
     * @param headers request headers, {@code "Name: value"}
     * @return what curl received
     * @throws IOException if curl fails or hangs
     */
    static Result fetch(String url, Path body, String... headers) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", String.valueOf(MAX_SECONDS),
                "-o", body.toString(), "-w", WRITE_OUT));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.add(url);
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!curl.waitFor(MAX_SECONDS + 10, TimeUnit.SECONDS)) {
            curl.destroyForcibly().waitFor();
            throw new IOException("curl " + url + " did not finish");
        }
        if (curl.exitValue() != 0) {
            throw new IOException("curl " + url + " exited with " + curl.exitValue() + " (" + out + ")");
        }
        // errors (with -sS) precede the write-out line
        String[] fields = out.substring(out.lastIndexOf('\n') + 1).split(" ");
        return new Result(Integer.parseInt(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]), body);
    }
}
