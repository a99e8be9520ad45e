package app.kftray.kube.internal.transport;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import app.kftray.api.PortForwardTransport.PodStream;
import app.kftray.net.OnEventLoop;
import app.kftray.net.ReadHold;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One forwarded connection inside a SPDY tunnel, as kubectl opens it: an error stream the client
 * half-closes at once and a data stream, paired by a request id. Ready when the data stream is
 * accepted; handed out to the caller then, or, for a pipelined request, as soon as the pair has been
 * asked for (its writes follow the request on the tunnel, and the server keeps them until it has
 * dialled the pod; a refusal after that reaches the receiver). Ends when the pod finishes the data
 * stream, an error message arrives, either side resets, or the tunnel is lost. State is confined to the tunnel's event loop; the
 * {@link PodStream} methods may be called from any thread.
 */
final class SpdyPodStream implements PodStream {
    /** Error messages are a line of text; more is not worth keeping. */
    private static final int MAX_ERROR_TEXT = 4096;

    private final SpdyTunnel tunnel;
    private final SpdyFrameWriter frames;
    private final PortForwardRequest request;
    private final PausableInbound inbound;
    private final long openTimeoutMillis;
    private final StringBuilder errorText = new StringBuilder();
    private int errorStreamId;
    private int dataStreamId;
    private boolean ready;
    /** The caller has the stream: its end goes to the receiver rather than failing the open. */
    private boolean handedOut;
    private boolean outputShut;
    private boolean ended;

    /**
     * @param tunnel     told when the stream is set up and when it ends
     * @param frames     writes the stream's frames on the tunnel
     * @param readHold   the tunnel's reads, held while this stream queues too much
     * @param request    the stream asked for
     * @param queueLimit bytes this stream may queue while paused before it holds the tunnel
     * @param openTimeoutMillis how long the server may take to accept the stream
     */
    SpdyPodStream(SpdyTunnel tunnel, SpdyFrameWriter frames, ReadHold readHold, PortForwardRequest request,
            int queueLimit, long openTimeoutMillis) {
        this.openTimeoutMillis = openTimeoutMillis;
        this.tunnel = tunnel;
        this.frames = frames;
        this.request = request;
        this.inbound = new PausableInbound(request.receiver(), readHold, queueLimit);
    }

    /**
     * Asks the pod for the stream pair. Both streams are requested at once, without waiting for
     * the error stream's reply: the kubelet pairs them by request id in any order, and the round
     * trip saved is most of a new connection's latency.
     */
    void start(int errorStreamId, int dataStreamId, int requestId) {
        this.errorStreamId = errorStreamId;
        this.dataStreamId = dataStreamId;
        frames.write(synStream(errorStreamId, "error", requestId));
        frames.write(new DefaultSpdyDataFrame(errorStreamId).setLast(true));
        frames.writeAndFlush(synStream(dataStreamId, "data", requestId));
        request.loop().schedule(() -> {
            if (!ready && !ended) {
                end(new KubeException(Reason.UNREACHABLE, "port-forward to " + request.target()
                        + ": the API server did not accept the stream within " + openTimeoutMillis + " ms", null), true);
            }
        }, openTimeoutMillis, TimeUnit.MILLISECONDS);
        // a caller that gave up (its client left) cancels: release the streams at once
        request.opened().whenComplete((stream, error) -> {
            if (request.opened().isCancelled()) {
                onLoop(() -> end(null, true));
            }
        });
        if (request.pipelined()) {
            handOut();
        }
    }

    /** @return whether the caller took the stream (it may have given up meanwhile) */
    private boolean handOut() {
        handedOut = request.opened().complete(this);
        return handedOut;
    }

    private SpdySynStreamFrame synStream(int streamId, String type, int requestId) {
        SpdySynStreamFrame syn = new DefaultSpdySynStreamFrame(streamId, 0, (byte) 0);
        syn.headers().set("streamtype", type);
        syn.headers().set("port", Integer.toString(request.port()));
        syn.headers().set("requestid", Integer.toString(requestId));
        return syn;
    }

    int errorStreamId() {
        return errorStreamId;
    }

    int dataStreamId() {
        return dataStreamId;
    }

    boolean ended() {
        return ended;
    }

    /** The server accepted one of the pair. */
    void onReply(int streamId) {
        if (streamId != dataStreamId || ready || ended) {
            return;
        }
        ready = true;
        tunnel.setUpDone();
        if (!handedOut && !handOut()) {
            end(null, true); // cancelled meanwhile
        }
    }

    /** @param frame a DATA frame of one of the pair; released by the caller */
    void onData(SpdyDataFrame frame) {
        if (ended) {
            return;
        }
        if (frame.streamId() == errorStreamId) {
            appendError(frame.content());
            if (frame.isLast() && !errorText.isEmpty()) {
                inbound.endAfterDrain(() -> end(error(), true));
            }
            return;
        }
        if (frame.content().isReadable()) {
            inbound.offer(frame.content().retain());
        }
        if (frame.isLast()) {
            // the pod is done; like kubectl, the rest of the pair is reset unless we finished too
            inbound.endAfterDrain(() -> end(error(), !outputShut));
        }
    }

    private void appendError(ByteBuf text) {
        int room = MAX_ERROR_TEXT - errorText.length();
        if (room > 0) {
            errorText.append(text.toString(text.readerIndex(), Math.min(room, text.readableBytes()),
                    StandardCharsets.UTF_8));
        }
    }

    private KubeException error() {
        return errorText.isEmpty() ? null
                : new KubeException(Reason.NOT_READY, "port-forward to " + request.target() + " failed: " + errorText, null);
    }

    /** The server reset one of the pair. */
    void onReset(SpdyStreamStatus status) {
        KubeException error = error();
        end(error != null ? error : new KubeException(Reason.UNREACHABLE, "port-forward to " + request.target()
                + " was reset by the server (" + status + ")", null), false);
    }

    /** @param cause why the tunnel ended */
    void onTunnelLost(Throwable cause) {
        end(ready ? new KubeException(Reason.UNREACHABLE, "port-forward to " + request.target()
                + " lost its connection to the API server: " + cause.getMessage(), cause)
                : PortForwardErrors.failed(request.target(), cause), false);
    }

    void onWritabilityChanged(boolean writable) {
        if (handedOut && !ended) {
            request.receiver().onWritabilityChanged(writable);
        }
    }

    /**
     * Ends the stream once: the caller learns why (a failed open, or {@code onClosed}), and the
     * tunnel forgets it.
     *
     * @param error why, or {@code null} for a clean end
     * @param reset whether to tell the server (it has not ended the pair itself)
     */
    private void end(KubeException error, boolean reset) {
        if (ended) {
            return;
        }
        ended = true;
        inbound.discard();
        if (reset && dataStreamId != 0) {
            frames.write(new DefaultSpdyRstStreamFrame(dataStreamId, SpdyStreamStatus.CANCEL));
            frames.writeAndFlush(new DefaultSpdyRstStreamFrame(errorStreamId, SpdyStreamStatus.CANCEL));
        }
        tunnel.streamEnded(this);
        if (!ready) {
            tunnel.setUpDone();
        }
        if (!handedOut) {
            request.opened().completeExceptionally(error != null ? error : new KubeException(Reason.UNREACHABLE,
                    "port-forward to " + request.target() + " closed before it was ready", null));
        } else if (!request.opened().isCancelled()) {
            request.receiver().onClosed(error);
        }
    }

    @Override
    public CompletionStage<Void> write(ByteBuf data) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        Runnable send = () -> {
            if (ended || outputShut) {
                data.release();
                written.completeExceptionally(closedError());
                return;
            }
            WriteResults.completeWhenDone(frames.writeData(dataStreamId, data), written);
        };
        if (!onLoop(send)) {
            data.release();
            written.completeExceptionally(closedError());
        }
        return written;
    }

    private KubeException closedError() {
        return new KubeException(Reason.UNREACHABLE, "port-forward to " + request.target() + " is closed", null);
    }

    @Override
    public boolean isWritable() {
        return frames.isWritable();
    }

    @Override
    public void setAutoRead(boolean read) {
        onLoop(() -> {
            if (!ended) {
                inbound.setAutoRead(read);
            }
        });
    }

    @Override
    public void shutdownOutput() {
        onLoop(() -> {
            if (!ended && !outputShut) {
                outputShut = true;
                frames.writeAndFlush(new DefaultSpdyDataFrame(dataStreamId).setLast(true));
            }
        });
    }

    @Override
    public void close() {
        onLoop(() -> end(null, true));
    }

    /** @return false if the loop is gone (the runtime is stopping) */
    private boolean onLoop(Runnable task) {
        return OnEventLoop.run(request.loop(), task, () -> { });
    }
}
