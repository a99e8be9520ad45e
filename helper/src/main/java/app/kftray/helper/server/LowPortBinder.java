package app.kftray.helper.server;

import io.netty.channel.unix.Socket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Binds a TCP listening socket on a low port, as root, for passing to the caller. */
final class LowPortBinder {
    static final int BACKLOG = 1024;

    private LowPortBinder() {
    }

    /**
     * @param address a validated loopback address
     * @param port    a validated port below 1024
     * @return the listening socket; the caller closes it once it is passed on
     * @throws IOException with the reason (e.g. the port is in use)
     */
    static Socket bind(String address, int port) throws IOException {
        Socket socket = Socket.newSocketStream();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            socket.listen(BACKLOG);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw new IOException(address + ":" + port + " cannot be bound: " + e.getMessage(), e);
        }
    }
}
