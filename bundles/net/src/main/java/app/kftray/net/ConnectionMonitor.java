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

    /** The pod sent its first bytes: its target works (a forward shown as degraded is healthy again). */
    public void reached() {
        forward.targetReached();
    }

    /**
     * The pod stream failed before the pod sent anything: a stream that opens is no proof, since the
     * API server accepts it before the kubelet dials the pod's port.
     *
     * @param what  what went wrong
     * @param cause the failure
     */
    public void failedBeforeAnswer(String what, Throwable cause) {
        error(what);
        forward.targetFailed(cause);
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
