package app.kftray.protocol.socks5.internal;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A byte-level SOCKS5 client, so tests can send exactly what they mean, including mistakes. */
final class SocksClient implements AutoCloseable {
    static final int NO_AUTH = 0;
    static final int PASSWORD = 2;
    static final int CONNECT = 1;
    static final int BIND = 2;
    static final int UDP_ASSOCIATE = 3;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    SocksClient(InetSocketAddress proxy) throws IOException {
        socket = new Socket();
        socket.connect(proxy, 5000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** @return the method the server chose (0xff: none acceptable) */
    int greet(int... methods) throws IOException {
        byte[] message = new byte[2 + methods.length];
        message[0] = 5;
        message[1] = (byte) methods.length;
        for (int i = 0; i < methods.length; i++) {
            message[2 + i] = (byte) methods[i];
        }
        send(message);
        expect(5);
        return in.readUnsignedByte();
    }

    /** @return the login status, 0 for success */
    int login(String user, String password) throws IOException {
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[3 + u.length + p.length];
        message[0] = 1;
        message[1] = (byte) u.length;
        System.arraycopy(u, 0, message, 2, u.length);
        message[2 + u.length] = (byte) p.length;
        System.arraycopy(p, 0, message, 3 + u.length, p.length);
        send(message);
        expect(1);
        return in.readUnsignedByte();
    }

    /** @return the reply code of a CONNECT to a domain name */
    int connect(String host, int port) throws IOException {
        return request(CONNECT, domain(host), port);
    }

    /** Sends a request with a raw address part (type byte included) and reads the reply. */
    int request(int command, byte[] address, int port) throws IOException {
        byte[] message = new byte[5 + address.length];
        message[0] = 5;
        message[1] = (byte) command;
        message[2] = 0;
        System.arraycopy(address, 0, message, 3, address.length);
        message[message.length - 2] = (byte) (port >> 8);
        message[message.length - 1] = (byte) port;
        send(message);
        expect(5);
        int reply = in.readUnsignedByte();
        in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int length = switch (type) {
            case 1 -> 4;
            case 4 -> 16;
            case 3 -> in.readUnsignedByte();
            default -> throw new IOException("bad address type in reply: " + type);
        };
        in.readFully(new byte[length + 2]);
        return reply;
    }

    static byte[] domain(String host) {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        byte[] address = new byte[2 + name.length];
        address[0] = 3;
        address[1] = (byte) name.length;
        System.arraycopy(name, 0, address, 2, name.length);
        return address;
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("ended after '" + line + "'");
            }
            line.append((char) b);
        }
        return line.toString();
    }

    byte[] readExactly(int n) throws IOException {
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return bytes;
    }

    /** @return whether the server closed the connection (end of stream within the timeout) */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    InputStream input() {
        return in;
    }

    private void expect(int version) throws IOException {
        int got = in.readUnsignedByte();
        if (got != version) {
            throw new IOException("expected version " + version + ", got " + got);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
