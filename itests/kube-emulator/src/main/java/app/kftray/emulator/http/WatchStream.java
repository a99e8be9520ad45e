package app.kftray.emulator.http;

import app.kftray.emulator.store.ApiException;
import app.kftray.emulator.store.KubeObjects;
import app.kftray.emulator.store.ResourceKind;
import app.kftray.emulator.store.ResourceStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One watch: events from the store, serialised (as Tables when asked) and handed to a sink on the
 * connection's event loop. Ends when the client goes, when {@code timeoutSeconds} pass, or when the client
 * reads too slowly (the real server drops watchers it cannot keep up with).
 */
final class WatchStream {
    /** Pending bytes a watcher may fall behind by before it is dropped. */
    private static final long MAX_BACKLOG = 16L << 20;

    private final WatchSink sink;
    private final ResourceKind kind;
    private final boolean table;
    private volatile AutoCloseable registration;

    private WatchStream(WatchSink sink, ResourceKind kind, boolean table) {
        this.sink = sink;
        this.kind = kind;
        this.table = table;
    }

    /** Opens the sink and starts streaming; a too-old version gets the ERROR 410 event and the end. */
    static void start(WatchSink sink, ResourceStore store, ResourcePath path, Predicate<? super ObjectNode> filter,
            String resourceVersion, long timeoutSeconds, boolean table) {
        WatchStream stream = new WatchStream(sink, path.kind(), table);
        Channel channel = sink.channel();
        sink.open();
        try {
            stream.registration = store.watch(path.kind(), path.namespace(), filter, resourceVersion,
                    stream::onEvent);
        } catch (ApiException e) {
            stream.write("ERROR", e.toStatus());
            stream.end();
            return;
        }
        channel.closeFuture().addListener(f -> stream.unregister());
        if (timeoutSeconds > 0) {
            channel.eventLoop().schedule(stream::end, timeoutSeconds, TimeUnit.SECONDS);
        }
    }

    private void onEvent(String type, ObjectNode object) {
        sink.channel().eventLoop().execute(() -> {
            JsonNode payload = table ? TableRenderer.table(kind, List.of(object),
                    object.path("metadata").path("resourceVersion").asLong()) : object;
            write(type, payload);
        });
    }

    private void write(String type, JsonNode object) {
        Channel channel = sink.channel();
        if (!channel.isActive()) {
            return;
        }
        if (channel.bytesBeforeWritable() > MAX_BACKLOG) {
            channel.close();
            return;
        }
        ObjectNode event = KubeObjects.JSON.createObjectNode().put("type", type);
        event.set("object", object);
        sink.send(Responses.jsonBytes(event));
    }

    private void end() {
        unregister();
        if (sink.channel().isActive()) {
            sink.end();
        }
    }

    private void unregister() {
        AutoCloseable r = registration;
        registration = null;
        if (r != null) {
            try {
                r.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop a watch", e);
            }
        }
    }
}
