package app.kftray.sync.internal.git;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.eclipse.jgit.transport.sshd.agent.AbstractConnector;

/**
 * Talks to an SSH agent over its Unix domain socket with the JDK's own socket support (Java 16+), so
 * no native library is needed: one request, one reply, as the agent protocol frames them.
 */
final class UnixAgentConnector extends AbstractConnector {
    private final Path socket;
    private SocketChannel channel;

    UnixAgentConnector(Path socket) {
        this.socket = socket;
    }

    @Override
    public synchronized boolean connect() throws IOException {
        if (channel == null) {
            SocketChannel opened = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                opened.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                opened.close();
                throw e;
            }
            channel = opened;
        }
        return true;
    }

    @Override
    public synchronized byte[] rpc(byte command, byte[] message) throws IOException {
        prepareMessage(command, message); // fills the length and command bytes the caller reserved
        ByteBuffer out = ByteBuffer.wrap(message);
        while (out.hasRemaining()) {
            channel.write(out);
        }
        byte[] length = read(4);
        return read(toLength(command, length));
    }

    private byte[] read(int count) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(count);
        while (in.hasRemaining()) {
            if (channel.read(in) < 0) {
                throw new EOFException("the SSH agent at " + socket + " closed the connection");
            }
        }
        return in.array();
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
