package app.kftray.httplog.internal;

/** Which side of a connection sent some bytes. */
enum Direction {
    /** From the local client towards the pod: requests. */
    CLIENT,
    /** From the pod back to the client: responses. */
    SERVER
}
