package app.kftray.helper.client.internal;

import app.kftray.api.KftrayException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One request to the helper daemon over its Unix domain socket, as helper/PROTOCOL.md says: a
 * JSON line out, a JSON line back, connection closed. Errors become {@link KftrayException}s
 * that say what to do.
 */
final class HelperSocket {
    static final String DEFAULT_PATH = "/run/kftray-helper/helper.sock";
    static final int PROTOCOL_VERSION = 1;
    private static final int MAX_ANSWER_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path socket;
    private final long timeoutMillis;

    HelperSocket(Path socket, long timeoutMillis) {
        this.socket = socket;
        this.timeoutMillis = timeoutMillis;
    }

    Path path() {
        return socket;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    /** @throws KftrayException saying how to install the helper, when its socket is missing */
    void requireInstalled() {
        if (!Files.exists(socket)) {
            throw new KftrayException("the kftray helper is not installed (no socket " + socket
                    + "); install it with 'sudo kftray helper install'");
        }
    }

    /** @return a request of this operation, to add fields to */
    static ObjectNode request(String op) {
        return JSON.createObjectNode().put("version", PROTOCOL_VERSION).put("op", op);
    }

    /**
     * @param request the request
     * @return the helper's answer, when it says ok
     * @throws KftrayException when the helper is missing, not running, too slow, or refuses
     */
    JsonNode call(ObjectNode request) {
        JsonNode answer = exchange(request);
        if (!answer.path("ok").asBoolean(false)) {
            throw refused(request.get("op").asText(), answer);
        }
        return answer;
    }

    /**
     * @param op     the operation asked for
     * @param answer the helper's answer that says it is not ok
     * @return the error naming the operation and the helper's reason
     */
    static KftrayException refused(String op, JsonNode answer) {
        return new KftrayException("the kftray helper refused " + op + ": " + answer.path("error").asText("no reason given"));
    }

    /**
     * @param cause why connecting to its socket failed
     * @return the error for a socket file nobody listens on (a stopped helper leaves it)
     */
    KftrayException notRunning(Throwable cause) {
        return new KftrayException("the kftray helper is not running (" + socket + ": " + cause.getMessage()
                + "); start it with 'sudo systemctl start kftray-helper'", cause);
    }

    private JsonNode exchange(ObjectNode request) {
        requireInstalled();
        // a blocking channel has no read timeout of its own: the exchange runs bounded in time
        CompletableFuture<byte[]> reply = CompletableFuture.supplyAsync(() -> send(request));
        try {
            return JSON.readTree(reply.get(timeoutMillis, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            reply.cancel(true);
            throw new KftrayException("the kftray helper did not answer within " + timeoutMillis + " ms (" + socket + ")");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KftrayException known ? known
                    : new KftrayException("the kftray helper failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KftrayException("interrupted while asking the kftray helper", e);
        } catch (IOException e) {
            throw new KftrayException("the kftray helper's answer is not JSON: " + e.getMessage(), e);
        }
    }

    private byte[] send(ObjectNode request) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.wrap(JSON.writeValueAsBytes(request));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
            return readToEnd(channel);
        } catch (SocketException e) {
            throw notRunning(e);
        } catch (IOException e) {
            throw new KftrayException("cannot talk to the kftray helper at " + socket + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readToEnd(SocketChannel channel) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.allocate(8192);
        while (channel.read(in) >= 0) {
            answer.write(in.array(), 0, in.position());
            in.clear();
            if (answer.size() > MAX_ANSWER_BYTES) {
                throw new IOException("answer longer than " + MAX_ANSWER_BYTES + " bytes");
            }
        }
        return answer.toByteArray();
    }
}
