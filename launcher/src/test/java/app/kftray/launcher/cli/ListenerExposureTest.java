package app.kftray.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.model.ForwardConfig;
import app.kftray.launcher.boot.LauncherException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A forward listening beyond loopback is saved only with --allow-remote and is pointed out afterwards. */
class ListenerExposureTest {
    private static ForwardConfig at(String address) {
        return ForwardConfig.builder().alias("web").namespace("dev").service("web").remotePort("80")
                .localAddress(address).build();
    }

    @Test
    void loopbackAddressesNeedNoConfirmation() {
        for (String address : new String[] {null, "127.0.0.1", "127.0.0.42", "::1", "localhost"}) {
            assertDoesNotThrow(() -> ListenerExposure.confirm(null, at(address), false));
        }
    }

    @Test
    void anyOtherAddressTakesTheFlagOnce() {
        LauncherException refused = assertThrows(LauncherException.class,
                () -> ListenerExposure.confirm(null, at("0.0.0.0"), false));
        assertEquals("forward 'web' listens on 0.0.0.0, reachable from other machines; add --allow-remote to "
                + "confirm, or use 127.0.0.1", refused.getMessage());
        assertThrows(LauncherException.class, () -> ListenerExposure.confirm(at("127.0.0.1"), at("192.168.1.5"), false));
        assertDoesNotThrow(() -> ListenerExposure.confirm(null, at("0.0.0.0"), true));
        // editing another field of a forward already confirmed asks nothing again
        assertDoesNotThrow(() -> ListenerExposure.confirm(at("0.0.0.0"), at("0.0.0.0"), false));
        assertThrows(LauncherException.class, () -> ListenerExposure.confirm(at("0.0.0.0"), at("::"), false));
    }

    @Test
    void theWarningNamesTheAddressAndTheSocks5PasswordRule() {
        assertEquals(Optional.empty(), ListenerExposure.warning(at("127.0.0.1")));
        assertEquals("forward 'web' listens on 0.0.0.0, reachable from other machines",
                ListenerExposure.warning(at("0.0.0.0")).orElseThrow());
        ForwardConfig socks = at("0.0.0.0").toBuilder().protocol("socks5").build();
        assertTrue(ListenerExposure.warning(socks).orElseThrow().contains("only with a user name and password"));
    }
}
