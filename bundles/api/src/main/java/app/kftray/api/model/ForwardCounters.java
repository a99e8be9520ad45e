package app.kftray.api.model;

/**
 * Traffic counters of one forward since it was started.
 *
 * @param activeConnections connections open right now
 * @param totalConnections  connections accepted since start
 * @param bytesIn           bytes received from the cluster side and sent to local clients
 * @param bytesOut          bytes received from local clients and sent to the cluster side
 * @param reconnects        times the forward recovered from a lost pod or API server
 */
public record ForwardCounters(long activeConnections, long totalConnections, long bytesIn, long bytesOut,
                              long reconnects) {
    /** Counters of a forward that has moved nothing yet. */
    public static final ForwardCounters ZERO = new ForwardCounters(0, 0, 0, 0, 0);
}
