package app.kftray.protocol.socks5.internal;

import io.netty.handler.codec.socksx.v5.Socks5AuthMethod;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;

/**
 * Who may use a listener and how long a handshake may take.
 *
 * @param username         required user name, or empty for no authentication
 * @param password         required password
 * @param handshakeTimeout longest time from accept to the CONNECT request
 */
record Socks5Policy(String username, String password, Duration handshakeTimeout) {
    Socks5Policy {
        username = Objects.requireNonNullElse(username, "");
        password = Objects.requireNonNullElse(password, "");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    }

    /** @return no authentication, ten-second handshake */
    static Socks5Policy open() {
        return new Socks5Policy("", "", Duration.ofSeconds(10));
    }

    static Socks5Policy of(Socks5Settings settings) {
        return new Socks5Policy(settings.username(), settings.password(),
                Duration.ofMillis(Math.max(100, settings.handshake_timeout_ms())));
    }

    /** @return the one method this listener offers */
    Socks5AuthMethod method() {
        return username.isEmpty() && password.isEmpty() ? Socks5AuthMethod.NO_AUTH : Socks5AuthMethod.PASSWORD;
    }

    /** Compares in constant time, so timing does not reveal how much of a guess was right. */
    boolean accepts(String user, String pass) {
        return same(username, user) & same(password, pass);
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                Objects.requireNonNullElse(given, "").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Socks5Policy[" + method() + ", handshake " + handshakeTimeout.toMillis() + " ms]";
    }
}
