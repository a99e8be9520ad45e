package app.kftray.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.model.ForwardConfig;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

class BindFailureTest {
    private static final ForwardConfig WEB = ForwardConfig.builder().alias("web").build();

    @Test
    void aLowPortWithoutTheRightSaysWhatToDo() {
        InetSocketAddress port80 = new InetSocketAddress("127.0.0.1", 80);
        SocketException denied = new SocketException("Permission denied");
        assertTrue(BindFailure.needsPrivilege(port80, denied));
        assertEquals("forward 'web' cannot listen on 127.0.0.1:80: ports below 1024 need root, or the kftray "
                + "helper for tcp forwards (install it with 'sudo kftray helper install'), or choose a port from 1024 up.",
                BindFailure.describe(WEB, SocketKind.TCP, port80, denied).getMessage());
    }

    @Test
    void otherFailuresAreNotAboutPrivilege() {
        assertFalse(BindFailure.needsPrivilege(new InetSocketAddress("127.0.0.1", 8080), new SocketException("Permission denied")));
        assertFalse(BindFailure.needsPrivilege(new InetSocketAddress("127.0.0.1", 80), new BindException("Address already in use")));
    }
}
