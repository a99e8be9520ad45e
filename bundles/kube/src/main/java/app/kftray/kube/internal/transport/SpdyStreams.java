package app.kftray.kube.internal.transport;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The streams of one SPDY tunnel: those asked for and waiting to be set up, and the live ones by
 * their stream ids. Hands out the stream ids (odd, as a client's are) and request ids, and bounds
 * how many streams are set up at once. Confined to the tunnel's event loop.
 */
final class SpdyStreams {
    /** Client stream ids are odd and 31 bits; a tunnel that has used them all takes no more streams. */
    private static final int LAST_STREAM_ID = Integer.MAX_VALUE;

    private final int maxSettingUp;
    /** Streams asked for during the handshake, or beyond the set-up bound. */
    private final ArrayDeque<PortForwardRequest> waiting = new ArrayDeque<>();
    private final Map<Integer, SpdyPodStream> byStreamId = new HashMap<>();
    private final Set<SpdyPodStream> live = new LinkedHashSet<>();
    private int settingUp;
    private int nextStreamId = 1;
    private int nextRequestId;

    /** @param maxSettingUp streams set up at once; later ones wait */
    SpdyStreams(int maxSettingUp) {
        this.maxSettingUp = maxSettingUp;
    }

    /** Whether the ids of the waiting streams and one more would pass the last one. */
    boolean outOfStreamIds() {
        return nextStreamId + 4L * (waiting.size() + 1) > LAST_STREAM_ID;
    }

    /** @param request a stream to set up when its turn comes */
    void await(PortForwardRequest request) {
        waiting.add(request);
    }

    /**
     * @return the next waiting stream that may be set up now, skipping those whose caller gave
     *     up; {@code null} if none may
     */
    PortForwardRequest nextToSetUp() {
        while (settingUp < maxSettingUp && !waiting.isEmpty()) {
            PortForwardRequest request = waiting.poll();
            if (!request.opened().isDone()) {
                return request;
            }
        }
        return null;
    }

    /** Gives a stream its pair of stream ids and a request id, and starts it. */
    void start(SpdyPodStream stream) {
        settingUp++;
        int errorStreamId = nextStreamId;
        int dataStreamId = nextStreamId + 2;
        nextStreamId += 4;
        byStreamId.put(errorStreamId, stream);
        byStreamId.put(dataStreamId, stream);
        live.add(stream);
        stream.start(errorStreamId, dataStreamId, nextRequestId++);
    }

    /** A stream was accepted or failed: another may be set up. */
    void setUpDone() {
        settingUp--;
    }

    /** @return the live stream with this stream id, or {@code null} */
    SpdyPodStream byStreamId(int streamId) {
        return byStreamId.get(streamId);
    }

    /** @return whether the stream was live (it is forgotten now) */
    boolean remove(SpdyPodStream stream) {
        if (!live.remove(stream)) {
            return false;
        }
        byStreamId.remove(stream.errorStreamId());
        byStreamId.remove(stream.dataStreamId());
        return true;
    }

    boolean noneLive() {
        return live.isEmpty();
    }

    /** @return whether no stream is live or waiting */
    boolean idle() {
        return live.isEmpty() && waiting.isEmpty();
    }

    /** @return the live streams, as a copy their callbacks may change the registry under */
    List<SpdyPodStream> live() {
        return List.copyOf(live);
    }

    /** @return the waiting streams, which no longer wait */
    List<PortForwardRequest> takeWaiting() {
        List<PortForwardRequest> taken = List.copyOf(waiting);
        waiting.clear();
        return taken;
    }
}
