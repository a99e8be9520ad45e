package app.kftray.forward.udp.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.KftrayException;
import app.kftray.api.PortForwardTransport.PodStream;
import app.kftray.api.model.ResolvedTarget;
import app.kftray.net.ListenAddress;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flows of one udp forward, one per local peer, opened on a peer's first datagram and
 * closed after it has been idle. Confined to the local socket's event loop.
 */
final class PeerFlows {
    private static final Logger LOG = LoggerFactory.getLogger(PeerFlows.class);
    /** Bounds memory when many peers appear at once; later peers wait for a free slot. */
    static final int MAX_FLOWS = 1024;

    private final ForwardContext context;
    private final Channel socket;
    private final long idleNanos;
    private final Map<InetSocketAddress, RelayFlow> flows = new HashMap<>();
    private final ScheduledFuture<?> sweeper;
    /** Flows holding frames of the current read pass. */
    private final List<RelayFlow> batching = new ArrayList<>();
    private final RelayFlow.Replies replies = new SocketReplies();

    /**
     * @param context     the forward
     * @param socket      the bound local datagram channel
     * @param idleTimeout how long a flow may go without traffic
     */
    PeerFlows(ForwardContext context, Channel socket, Duration idleTimeout) {
        this.context = context;
        this.socket = socket;
        this.idleNanos = idleTimeout.toNanos();
        long period = Math.max(10, idleTimeout.toMillis() / 4);
        this.sweeper = socket.eventLoop().scheduleAtFixedRate(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /** @param packet a datagram from a local peer; ownership passes here */
    void fromPeer(DatagramPacket packet) {
        InetSocketAddress peer = packet.sender();
        RelayFlow flow = flows.get(peer);
        if (flow == null) {
            flow = open(peer);
            if (flow == null) {
                packet.release();
                return;
            }
        }
        if (flow.send(packet.content())) {
            batching.add(flow);
        }
    }

    /** The socket's read pass is over: each flow writes the frames it batched in it. */
    void flushBatches() {
        batching.forEach(RelayFlow::flushBatch);
        batching.clear();
    }

    /** Closes every flow; new datagrams open new ones (to the current target). */
    void closeAll() {
        new ArrayList<>(flows.values()).forEach(RelayFlow::close);
    }

    /** Stops the idle sweeper and closes every flow. */
    void stop() {
        sweeper.cancel(false);
        closeAll();
    }

    /** @return flows open right now */
    int size() {
        return flows.size();
    }

    private RelayFlow open(InetSocketAddress peer) {
        String name = context.config().displayName();
        if (flows.size() >= MAX_FLOWS) {
            context.monitor().connectionError("udp peer " + ListenAddress.text(peer) + " ignored: " + MAX_FLOWS
                    + " peers are already active");
            return null;
        }
        ResolvedTarget target;
        try {
            target = context.currentTarget();
        } catch (KftrayException noTarget) {
            context.monitor().connectionError("udp peer " + ListenAddress.text(peer) + ": " + noTarget.getMessage());
            return null;
        }
        RelayFlow flow = new RelayFlow(name, peer, socket.eventLoop(), context.monitor(), replies, this::closed);
        flows.put(peer, flow);
        LOG.debug("forward {}: new flow for {} to {}", name, ListenAddress.text(peer), target);
        flow.whenOpened(openStream(target, flow));
        return flow;
    }

    private CompletionStage<PodStream> openStream(ResolvedTarget target, RelayFlow flow) {
        try {
            // on the socket's loop, so a datagram and its reply cross no thread between socket and stream
            return context.transport().open(target.pod(), target.port(), flow.receiver(), socket.eventLoop());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Replies leave the local socket together when a flow has decoded what it read. */
    private final class SocketReplies implements RelayFlow.Replies {
        @Override
        public void send(InetSocketAddress peer, ByteBuf datagram) {
            socket.write(new DatagramPacket(datagram, peer), socket.voidPromise());
        }

        @Override
        public void flush() {
            socket.flush();
        }
    }

    private void closed(RelayFlow flow) {
        flows.remove(flow.peer(), flow);
    }

    private void closeIdle() {
        long now = System.nanoTime();
        List<RelayFlow> idle = flows.values().stream().filter(f -> now - f.lastActivity() >= idleNanos).toList();
        idle.forEach(RelayFlow::close);
    }
}
