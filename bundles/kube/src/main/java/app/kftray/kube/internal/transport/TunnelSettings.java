package app.kftray.kube.internal.transport;

/**
 * Timing and memory bounds of SPDY tunnels.
 *
 * @param pingMillis        how often a tunnel pings the server (kubectl: every 10 s); a ping unanswered
 *                          within three quarters of that ends the tunnel, so a silent connection is
 *                          replaced within two intervals
 * @param idleMillis        how long a tunnel without streams stays open for the next one
 * @param pausedQueueLimit  bytes a paused stream may queue before it stops its whole tunnel
 * @param openTimeoutMillis how long the server may take to accept a stream before it fails
 */
record TunnelSettings(long pingMillis, long idleMillis, int pausedQueueLimit, long openTimeoutMillis) {
    static final TunnelSettings DEFAULT = new TunnelSettings(10_000, 30_000, 256 * 1024, 10_000);

    /** @return how long a ping may go unanswered before the tunnel is taken for dead */
    long pingAnswerMillis() {
        return pingMillis * 3 / 4;
    }
}
