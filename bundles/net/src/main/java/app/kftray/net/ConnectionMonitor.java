package app.kftray.net;

import app.kftray.api.ForwardMonitor;

/**
 * What one client connection reports to its forward's monitor: traffic, and errors that always
 * name the connection, so a user can tell which one failed.
 *
 * @param forward    the forward's monitor
 * @param connection how errors name the connection, such as {@code connection from /127.0.0.1:51234}
 */
public record ConnectionMonitor(ForwardMonitor forward, String connection) {
    /**
     * Reports a problem of this connection as {@code <connection>: <what>}.
     *
     * @param what what went wrong
     */
    public void error(String what) {
        forward.connectionError(connection + ": " + what);
    }

    /** @param count bytes that went from the pod to the client */
    public void bytesIn(long count) {
        forward.bytesIn(count);
    }

    /** @param count bytes that went from the client to the pod */
    public void bytesOut(long count) {
        forward.bytesOut(count);
    }
}
