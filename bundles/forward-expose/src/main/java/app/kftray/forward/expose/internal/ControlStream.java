package app.kftray.forward.expose.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.KftrayException;
import app.kftray.api.PortForwardTransport.PodStream;
import app.kftray.api.PortForwardTransport.StreamReceiver;
import app.kftray.api.model.ResolvedTarget;
import app.kftray.net.OnEventLoop;
import app.kftray.relay.protocol.ReverseMessage;
import app.kftray.relay.protocol.ReverseMessage.Verb;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control stream to a reverse relay: presents the secret ({@code CONTROL}), answers each {@code OPEN} with
 * an {@link ExposedConnection}, pings every {@value #PING_SECONDS} s and gives up on a relay silent for
 * {@value #SILENCE_SECONDS} s. Its state lives on one event loop; the stream's callbacks hop there.
 */
final class ControlStream implements StreamReceiver {
    static final long PING_SECONDS = 10;
    static final long SILENCE_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(ControlStream.class);

    private final ForwardContext context;
    private final ResolvedTarget target;
    private final String secret;
    private final InetSocketAddress local;
    private final EventLoop loop;
    private final BiConsumer<ControlStream, Throwable> onEnded;
    private final Runnable onAccepted;
    private final LineReader lines = new LineReader();
    private PodStream stream;
    private ScheduledFuture<?> pings;
    private long lastHeard = System.nanoTime();
    private boolean accepted;
    private boolean ended;

    ControlStream(ForwardContext context, ResolvedTarget target, String secret, InetSocketAddress local,
                  EventLoop loop, BiConsumer<ControlStream, Throwable> onEnded, Runnable onAccepted) {
        this.context = context;
        this.target = target;
        this.secret = secret;
        this.local = local;
        this.loop = loop;
        this.onEnded = onEnded;
        this.onAccepted = onAccepted;
    }

    /** Opens the stream to the relay's control port; call on the loop. */
    void open() {
        context.transport().open(target.pod(), target.port(), this, loop).whenComplete((opened, error) ->
                OnEventLoop.run(loop, () -> opened(opened, error), () -> {
                    if (opened != null) {
                        opened.close();
                    }
                }));
    }

    private void opened(PodStream opened, Throwable error) {
        if (error != null) {
            end(error);
            return;
        }
        if (ended) {
            opened.close();
            return;
        }
        stream = opened;
        send(ReverseMessage.of(Verb.CONTROL, secret));
        pings = loop.scheduleAtFixedRate(this::ping, PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
    }

    /** Ends the stream; the forward then reconnects (unless it is stopping). Call on the loop. */
    void close() {
        end(null);
    }

    @Override
    public void onData(ByteBuf data) {
        OnEventLoop.run(loop, () -> read(data), data::release);
    }

    @Override
    public void onClosed(Throwable error) {
        OnEventLoop.run(loop, () -> end(error == null ? new KftrayException("the relay closed the control stream")
                : error), () -> { });
    }

    private void read(ByteBuf data) {
        try {
            while (data.isReadable() && !ended) {
                for (ReverseMessage message : lines.read(data, 1)) {
                    lastHeard = System.nanoTime();
                    handle(message);
                }
            }
        } catch (RuntimeException bad) {
            end(new KftrayException("the relay sent something that is not its protocol: " + bad.getMessage()));
        } finally {
            data.release();
        }
    }

    private void handle(ReverseMessage message) {
        switch (message.verb()) {
            case OK -> {
                accepted = true;
                onAccepted.run();
                LOG.info("expose forward '{}': relay {} accepts cluster connections for {}",
                        context.config().displayName(), target.pod(), local);
            }
            case OPEN -> {
                if (accepted) {
                    ExposedConnection.start(context, target, secret, message.arg(0), local, this::refuse);
                }
            }
            case PONG -> { }
            case ERROR -> end(new KftrayException("the relay refused the control stream: " + message.arg(0)
                    + ("unauthorized".equals(message.arg(0)) ? " (the relay's secret does not match; it was"
                    + " redeployed by another process?)" : "")));
            default -> end(new KftrayException("unexpected " + message.verb() + " line from the relay"));
        }
    }

    /** Tells the relay that a cluster client cannot be carried: it is closed cleanly. */
    private void refuse(String id) {
        OnEventLoop.run(loop, () -> {
            if (!ended) {
                send(ReverseMessage.of(Verb.REFUSED, id));
            }
        }, () -> { });
    }

    private void ping() {
        if (System.nanoTime() - lastHeard > TimeUnit.SECONDS.toNanos(SILENCE_SECONDS)) {
            end(new KftrayException("the relay did not answer for " + SILENCE_SECONDS + " s"));
        } else {
            send(ReverseMessage.of(Verb.PING));
        }
    }

    private void send(ReverseMessage message) {
        stream.write(Unpooled.copiedBuffer(message.encode(), StandardCharsets.US_ASCII));
    }

    private void end(Throwable why) {
        if (ended) {
            return;
        }
        ended = true;
        if (pings != null) {
            pings.cancel(false);
        }
        if (stream != null) {
            stream.close();
        }
        onEnded.accept(this, why);
    }
}
