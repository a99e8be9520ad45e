package app.kftray.emulator.portforward;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The open port-forward connections and the pod each serves, so faults and pod deaths can end them. */
public final class ForwardRegistry {
    private final Map<Channel, String> podUidByChannel = new ConcurrentHashMap<>();

    void register(Channel connection, String podUid) {
        podUidByChannel.put(connection, podUid);
        connection.closeFuture().addListener(f -> podUidByChannel.remove(connection));
    }

    /** Closes every port-forward connection (and so every forwarded stream); returns how many. */
    public int closeAll() {
        List<Channel> open = List.copyOf(podUidByChannel.keySet());
        open.forEach(Channel::close);
        return open.size();
    }

    /** Closes the connections forwarding to a pod that has just gone. */
    public void closePod(String podUid) {
        podUidByChannel.forEach((channel, uid) -> {
            if (uid.equals(podUid)) {
                channel.close();
            }
        });
    }

    /**
     * Turns every open port-forward connection into a black hole: nothing it receives is answered (SPDY pings
     * included), nothing is sent, and it is never closed towards the client; new connections work normally.
     * Returns how many, once every one of them is silent: a stream set up after this call never gets an answer.
     */
    public int blackholeAll() {
        List<Channel> open = List.copyOf(podUidByChannel.keySet());
        List<Future<?>> silenced = new ArrayList<>();
        for (Channel channel : open) {
            podUidByChannel.remove(channel);
            silenced.add(channel.eventLoop().submit(() -> {
                channel.pipeline().addFirst(Blackhole.INSTANCE);
                channel.config().setAutoRead(true);
            }));
        }
        silenced.forEach(Future::syncUninterruptibly);
        return open.size();
    }

    public int openConnections() {
        return podUidByChannel.size();
    }
}
