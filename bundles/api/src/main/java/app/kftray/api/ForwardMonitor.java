package app.kftray.api;

import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/** Where a protocol handler reports traffic and problems of one forward. Thread-safe. */
@ProviderType
public interface ForwardMonitor {
    /** @param peer description of the local client */
    void connectionOpened(String peer);

    /** @param peer description of the local client */
    void connectionClosed(String peer);

    /** @param bytes bytes delivered from the cluster side to local clients */
    void bytesIn(long bytes);

    /** @param bytes bytes delivered from local clients to the cluster side */
    void bytesOut(long bytes);

    /**
     * A problem with one connection; the forward keeps running.
     *
     * @param message what went wrong, for a person
     */
    void connectionError(String message);

    /**
     * A connection or flow reached the target: the pod (or the relay) sent its first bytes, which a
     * stream that merely opened does not prove. A forward shown as degraded by earlier failures is
     * healthy again. The default does nothing.
     *
     * @since 1.5
     */
    default void targetReached() {
    }

    /**
     * The target stopped working (e.g. the stream to the pod could not be opened); the
     * engine re-resolves or reconnects, and a forward whose connections keep failing this way
     * becomes {@link app.kftray.api.model.ForwardStatus#DEGRADED} until {@link #targetReached()}.
     *
     * @param error what failed
     */
    void targetFailed(Throwable error);

    /**
     * The stream to the target of one local connection (or one relay flow) is open and carries
     * bytes from now on.
     *
     * @param took from the client's arrival until the stream was open: the connect latency
     * @since 1.5
     */
    default void targetConnected(Duration took) {
    }
}
