package app.kftray.emulator;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Map;

/**
 * A relay that behaves as kftray's own relay image is documented to ({@code kftray-server}): configured by
 * {@code REMOTE_ADDRESS}, {@code REMOTE_PORT} and {@code PROXY_TYPE} only; in tcp mode a plain proxy; in udp
 * mode, per stream one UDP socket, and for each frame ({@code [u32 length][datagram]}) the datagram is sent and
 * exactly one reply is awaited for up to 5 s and framed back, or a zero-length frame when none came; an oversize
 * frame gets a zero-length frame and the stream is closed. A test stand-in, one thread per stream.
 */
public final class KftrayStyleRelay implements AutoCloseable {
    private static final int MAX_DATAGRAM = 65_507;
    private static final int REPLY_WAIT_MILLIS = 5000;

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final boolean udp;

    private KftrayStyleRelay(InetSocketAddress target, boolean udp) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        this.udp = udp;
        Thread accept = new Thread(this::acceptLoop, "kftray-style-relay");
        accept.setDaemon(true);
        accept.start();
    }

    /**
     * @param env    the pod's environment (kftray's variable names)
     * @param target where {@code REMOTE_ADDRESS:REMOTE_PORT} leads
     * @return the running relay
     */
    public static KftrayStyleRelay start(Map<String, String> env, InetSocketAddress target) throws IOException {
        return new KftrayStyleRelay(target, "udp".equalsIgnoreCase(env.getOrDefault("PROXY_TYPE", "tcp")));
    }

    /** @return where streams connect */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread serve = new Thread(() -> serve(client), "kftray-style-relay-stream");
                serve.setDaemon(true);
                serve.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            if (udp) {
                serveUdp(client);
            } else {
                serveTcp(client);
            }
        } catch (IOException ended) {
            // the stream or the target went away
        }
    }

    private void serveUdp(Socket client) throws IOException {
        DataInputStream in = new DataInputStream(client.getInputStream());
        DataOutputStream out = new DataOutputStream(client.getOutputStream());
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.connect(target);
            socket.setSoTimeout(REPLY_WAIT_MILLIS);
            byte[] reply = new byte[MAX_DATAGRAM];
            while (true) {
                long length = in.readInt() & 0xffffffffL;
                if (length > MAX_DATAGRAM) {
                    out.writeInt(0);
                    return;
                }
                byte[] datagram = in.readNBytes((int) length);
                socket.send(new DatagramPacket(datagram, datagram.length));
                DatagramPacket answer = new DatagramPacket(reply, reply.length);
                try {
                    socket.receive(answer);
                    out.writeInt(answer.getLength());
                    out.write(reply, 0, answer.getLength());
                } catch (SocketTimeoutException none) {
                    out.writeInt(0);
                }
                out.flush();
            }
        }
    }

    private void serveTcp(Socket client) throws IOException {
        try (Socket upstream = new Socket(target.getAddress(), target.getPort())) {
            Thread down = new Thread(() -> copy(upstream, client), "kftray-style-relay-down");
            down.setDaemon(true);
            down.start();
            copy(client, upstream);
            upstream.shutdownOutput();
            down.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException ended) {
            // either side closed
        }
    }
}
