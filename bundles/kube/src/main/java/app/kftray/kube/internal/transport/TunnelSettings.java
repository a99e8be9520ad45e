package app.kftray.kube.internal.transport;

/**
 * Timing and memory bounds of SPDY tunnels.
 *
 * @param pingMillis        how often a tunnel pings the server (kubectl: every 10 s)
 * @param idleMillis        how long a tunnel without streams stays open for the next one
 * @param pausedQueueLimit  bytes a paused stream may queue before it stops its whole tunnel
 */
record TunnelSettings(long pingMillis, long idleMillis, int pausedQueueLimit) {
    static final TunnelSettings DEFAULT = new TunnelSettings(10_000, 30_000, 256 * 1024);
}
