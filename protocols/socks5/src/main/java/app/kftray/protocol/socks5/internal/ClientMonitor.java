package app.kftray.protocol.socks5.internal;

import app.kftray.api.ForwardMonitor;

/**
 * What one client connection reports to its forward's monitor: traffic, and errors that
 * always name the client, so a user can tell which connection failed.
 *
 * @param forward the forward's monitor
 * @param peer    the client's address as text
 */
record ClientMonitor(ForwardMonitor forward, String peer) {
    /** @param what what went wrong with this connection */
    void error(String what) {
        forward.connectionError("socks5 connection from " + peer + ": " + what);
    }

    /** @param count bytes that went from the pod to the client */
    void bytesIn(long count) {
        forward.bytesIn(count);
    }

    /** @param count bytes that went from the client to the pod */
    void bytesOut(long count) {
        forward.bytesOut(count);
    }
}
