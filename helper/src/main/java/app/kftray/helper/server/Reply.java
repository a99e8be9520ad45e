package app.kftray.helper.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.unix.Socket;

import java.nio.charset.StandardCharsets;

/**
 * The answer to one request: a JSON line, and for {@code socket.bind} the listening socket that
 * follows it.
 *
 * @param body     the JSON object
 * @param listener the socket to pass, or null
 */
record Reply(ObjectNode body, Socket listener) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Reply ok() {
        return new Reply(JSON.createObjectNode().put("ok", true), null);
    }

    static Reply error(String message) {
        return new Reply(JSON.createObjectNode().put("ok", false).put("error", message.replace('\n', ' ')), null);
    }

    static Reply descriptor(Socket listener) {
        return new Reply(JSON.createObjectNode().put("ok", true).put("descriptor", true), listener);
    }

    /** @return the body as one line, ended by a newline */
    byte[] line() {
        return (body.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
