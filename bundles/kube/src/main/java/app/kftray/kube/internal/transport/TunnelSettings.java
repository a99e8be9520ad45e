package app.kftray.kube.internal.transport;

/**
 * Timing and memory bounds of SPDY tunnels.
 *
 * @param pingMillis        how often a tunnel pings the server (kubectl: every 10 s); a ping unanswered
 *                          by the time of the next one ends the tunnel
 * @param idleMillis        how long a tunnel without streams stays open for the next one
 * @param pausedQueueLimit  bytes a paused stream may queue before it stops its whole tunnel
 * @param openTimeoutMillis how long the server may take to accept a stream before it fails
 */
record TunnelSettings(long pingMillis, long idleMillis, int pausedQueueLimit, long openTimeoutMillis) {
    static final TunnelSettings DEFAULT = new TunnelSettings(10_000, 30_000, 256 * 1024, 10_000);
}
