package app.kftray.helper.client.internal;

import app.kftray.api.HostsHelper;
import app.kftray.api.KftrayException;
import app.kftray.helper.config.HelperConfig;
import app.kftray.helper.loopback.LinuxLoopbackDevice;
import app.kftray.helper.server.HelperServer;
import com.sun.security.auth.module.UnixSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client against the real helper daemon on a temporary socket and hosts file. */
class SocketHostsHelperTest {
    private static final int MY_UID = (int) new UnixSystem().getUid();

    @TempDir
    Path dir;

    private HelperServer startHelper(Set<Integer> allowed) throws IOException {
        Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n");
        return HelperServer.start(new HelperConfig(dir.resolve("helper.sock"), allowed, dir.resolve("hosts"),
                dir.resolve("state.json")), new LinuxLoopbackDevice(), "test");
    }

    private SocketHostsHelper client() {
        return new SocketHostsHelper(dir.resolve("helper.sock"), 5000);
    }

    @Test
    void addsListsAndRemovesHostsAndAllocatesAddresses() throws IOException {
        try (HelperServer ignored = startHelper(Set.of(MY_UID))) {
            SocketHostsHelper helper = client();
            assertTrue(helper.available());
            String address = helper.allocateLoopback("7");
            assertEquals("127.0.0.2", address);
            assertEquals(address, helper.allocateLoopback("7"));
            helper.addHost("7", address, "grafana.dev");
            assertEquals(Map.of("7", "grafana.dev"), helper.hosts());
            assertTrue(Files.readString(dir.resolve("hosts")).contains(address + "\tgrafana.dev\t"));
            assertTrue(helper.describe().startsWith("answering on " + dir.resolve("helper.sock") + " (helper test, "
                    + "protocol 1; 1 hosts entries and 1 loopback addresses of yours)"), helper.describe());
            helper.removeHost("7");
            helper.releaseLoopback(address);
            assertEquals(Map.of(), helper.hosts());
            assertEquals("127.0.0.1 localhost\n", Files.readString(dir.resolve("hosts")));
        }
    }

    @Test
    void servesALowPortSocketTheHelperBound() throws Exception {
        try (HelperServer ignored = startHelper(Set.of(MY_UID))) {
            SocketHostsHelper helper = client();
            String address = helper.allocateLoopback("web");
            int port = freeLowPort(address);
            HostsHelper.LowPortListener listener = helper.bindLowPort(new InetSocketAddress(address, port));
            Channel server = new ServerBootstrap().group(listener.group()).channelFactory(listener.channel())
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ctx.writeAndFlush(msg);
                        }
                    })
                    .register().sync().channel();
            assertEquals(new InetSocketAddress(address, port), server.localAddress());
            try (Socket socket = new Socket(address, port)) {
                socket.getOutputStream().write("low\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("low\n", new String(socket.getInputStream().readNBytes(4), StandardCharsets.UTF_8));
            }
            server.close().sync();

            KftrayException foreign = assertThrows(KftrayException.class,
                    () -> helper.bindLowPort(new InetSocketAddress("127.0.0.99", port)));
            assertEquals("the kftray helper refused socket.bind: address: 127.0.0.99 is neither 127.0.0.1 nor a "
                    + "loopback address allocated to you (loopback.allocate)", foreign.getMessage());
            try (ServerSocket busy = new ServerSocket(port, 1, InetAddress.getByName(address))) {
                KftrayException inUse = assertThrows(KftrayException.class,
                        () -> helper.bindLowPort(new InetSocketAddress(address, port)));
                assertTrue(inUse.getMessage().startsWith("the kftray helper refused socket.bind: failed: " + address + ":"
                        + port + " cannot be bound"), inUse.getMessage());
            }
            helper.deactivate();
        }
    }

    private static int freeLowPort(String address) throws IOException {
        for (int port = 900; port < 1000; port++) {
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(address))) {
                return port;
            } catch (IOException busy) {
                // the next one
            }
        }
        throw new IOException("no free port in 900-999 on " + address);
    }

    @Test
    void saysWhatTheHelperRefused() throws IOException {
        try (HelperServer ignored = startHelper(Set.of(MY_UID))) {
            KftrayException refused = assertThrows(KftrayException.class,
                    () -> client().addHost("7", "127.0.0.2", "bad name"));
            assertEquals("the kftray helper refused hosts.add: name: only A-Z a-z 0-9 - and dots are allowed",
                    refused.getMessage());
        }
        try (HelperServer ignored = startHelper(Set.of(MY_UID + 1))) {
            KftrayException refused = assertThrows(KftrayException.class, () -> client().hosts());
            assertEquals("the kftray helper refused hosts.list: uid " + MY_UID + " is not allowed to use the kftray "
                    + "helper (allowed_uids of its configuration)", refused.getMessage());
            assertFalse(client().available());
        }
    }

    @Test
    void saysHowToInstallOrStartAMissingHelper() throws IOException {
        SocketHostsHelper helper = client();
        assertFalse(helper.available());
        KftrayException noHelper = assertThrows(KftrayException.class,
                () -> helper.bindLowPort(new InetSocketAddress("127.0.0.1", 80)));
        assertTrue(noHelper.getMessage().startsWith("the kftray helper is not installed"), noHelper.getMessage());
        assertEquals("the kftray helper is not installed (no socket " + dir.resolve("helper.sock")
                + "); install it with 'sudo kftray helper install'", helper.describe());

        // a socket file nobody listens on: what a stopped daemon leaves
        try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(dir.resolve("helper.sock")));
        }
        KftrayException notRunning = assertThrows(KftrayException.class, () -> helper.allocateLoopback("7"));
        assertTrue(notRunning.getMessage().startsWith("the kftray helper is not running ("), notRunning.getMessage());
        assertTrue(notRunning.getMessage().endsWith("start it with 'sudo systemctl start kftray-helper'"),
                notRunning.getMessage());
        KftrayException noSocket = assertThrows(KftrayException.class,
                () -> helper.bindLowPort(new InetSocketAddress("127.0.0.1", 80)));
        assertTrue(noSocket.getMessage().startsWith("the kftray helper is not running ("), noSocket.getMessage());
        helper.deactivate();
    }
}
