package app.kftray.relay.server;

import app.kftray.relay.protocol.ReverseMessage;
import app.kftray.relay.protocol.ReverseMessage.Verb;
import io.netty.channel.Channel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reverse relay's shared state: the local side's control stream (the newest authenticated one
 * wins) and the cluster clients waiting for the local side to attach a data stream to them.
 */
final class ReverseHub {
    private static final Logger LOG = LoggerFactory.getLogger(ReverseHub.class);

    private final RelayConfig config;
    private final AtomicReference<Channel> control = new AtomicReference<>();
    private final Map<String, Channel> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    ReverseHub(RelayConfig config) {
        this.config = config;
    }

    /** @param stream an authenticated control stream; replaces (and closes) the previous one */
    void controlConnected(Channel stream) {
        Channel previous = control.getAndSet(stream);
        if (previous != null && previous != stream) {
            LOG.info("event=control_replaced previous={} client={}", Channels.peer(previous), Channels.peer(stream));
            previous.close();
        }
        stream.closeFuture().addListener(closed -> {
            if (control.compareAndSet(stream, null)) {
                LOG.info("event=control_closed client={} waiting={}", Channels.peer(stream), waiting.size());
            }
        });
    }

    /**
     * A cluster client connected: asks the local side for a data stream, or closes the client when
     * no local side is connected. Its reads stay off until it is attached.
     */
    void clusterConnected(Channel client) {
        Channel stream = control.get();
        if (stream == null || !stream.isActive()) {
            LOG.warn("event=no_control client={} reason=\"no local side is connected\"", Channels.peer(client));
            client.close();
            return;
        }
        String id = Long.toString(ids.incrementAndGet());
        waiting.put(id, client);
        client.closeFuture().addListener(closed -> waiting.remove(id, client));
        stream.writeAndFlush(ReverseMessage.of(Verb.OPEN, id));
        client.eventLoop().schedule(() -> {
            if (waiting.remove(id, client)) {
                LOG.warn("event=attach_timeout connection={} client={} after_ms={}", id, Channels.peer(client),
                        config.attachTimeout().toMillis());
                client.close();
            }
        }, config.attachTimeout().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("event=cluster_open connection={} client={}", id, Channels.peer(client));
    }

    /** @return the waiting cluster client of that id, no longer waiting; {@code null} if there is none */
    Channel take(String id) {
        return waiting.remove(id);
    }

    /** The local side could not reach its port for this client: the client gets a clean close. */
    void refused(String id) {
        Channel client = waiting.remove(id);
        if (client != null) {
            LOG.info("event=local_refused connection={} client={}", id, Channels.peer(client));
            client.close();
        }
    }
}
