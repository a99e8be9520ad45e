package app.kftray.itests.desktop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/** Client of the desktop UI's automation hook: one command line, one reply line. */
final class UiDriver implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final Writer out;

    UiDriver(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(20_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** @return the raw reply ({@code ok …} or {@code error …}) */
    String send(String command) throws IOException {
        out.write(command + "\n");
        out.flush();
        String reply = in.readLine();
        if (reply == null) {
            throw new IOException("the automation hook closed the connection after '" + command + "'");
        }
        return reply;
    }

    /** @return the result of a command that must succeed */
    String ok(String command) throws IOException {
        String reply = send(command);
        if (!reply.startsWith("ok")) {
            throw new AssertionError("'" + command + "' failed: " + reply);
        }
        return reply.length() > 3 ? reply.substring(3) : "";
    }

    /** Repeats a query until its result satisfies the condition. */
    String await(String command, Predicate<String> condition, long timeoutMillis) throws Exception {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        String last = null;
        while (System.nanoTime() < deadline) {
            // an error (e.g. the row is not there yet) counts as "not yet"
            last = send(command);
            if (last.startsWith("ok") && condition.test(last.length() > 3 ? last.substring(3) : "")) {
                return last.length() > 3 ? last.substring(3) : "";
            }
            Thread.sleep(50);
        }
        throw new AssertionError("'" + command + "' still answered '" + last + "' after " + timeoutMillis + " ms");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
