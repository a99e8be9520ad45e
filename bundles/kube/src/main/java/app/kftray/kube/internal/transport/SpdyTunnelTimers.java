package app.kftray.kube.internal.transport;

import io.netty.channel.EventLoop;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The timers of one SPDY tunnel: its pings to the server while it is open, the deadline by which a
 * ping must be answered, and its close after it has had no streams for a while. Confined to the
 * tunnel's event loop.
 */
final class SpdyTunnelTimers {
    private final EventLoop loop;
    private final TunnelSettings settings;
    private ScheduledFuture<?> pinger;
    private ScheduledFuture<?> idleClose;
    private ScheduledFuture<?> answerDeadline;

    SpdyTunnelTimers(EventLoop loop, TunnelSettings settings) {
        this.loop = loop;
        this.settings = settings;
    }

    /** @param ping runs every {@link TunnelSettings#pingMillis()} until {@link #cancelAll()} */
    void startPings(Runnable ping) {
        pinger = loop.scheduleAtFixedRate(ping, settings.pingMillis(), settings.pingMillis(), TimeUnit.MILLISECONDS);
    }

    /** @param closeIfIdle runs after {@link TunnelSettings#idleMillis()} unless cancelled or rescheduled first */
    void scheduleIdleClose(Runnable closeIfIdle) {
        cancelIdleClose();
        idleClose = loop.schedule(closeIfIdle, settings.idleMillis(), TimeUnit.MILLISECONDS);
    }

    /** @param check runs after {@code timeoutMs} unless the tunnel closed first; replaces an earlier deadline */
    void awaitAnswer(long timeoutMs, Runnable check) {
        if (answerDeadline != null) {
            answerDeadline.cancel(false);
        }
        answerDeadline = loop.schedule(check, timeoutMs, TimeUnit.MILLISECONDS);
    }

    void cancelIdleClose() {
        if (idleClose != null) {
            idleClose.cancel(false);
            idleClose = null;
        }
    }

    /** The tunnel is closed: no more pings, no idle close. */
    void cancelAll() {
        cancelIdleClose();
        if (pinger != null) {
            pinger.cancel(false);
        }
        if (answerDeadline != null) {
            answerDeadline.cancel(false);
        }
    }
}
