package app.kftray.api;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/** A forward a {@link ProtocolHandler} is serving. */
@ConsumerType
public interface RunningForward {
    /** @return the local address actually bound (port 0 replaced by the chosen port) */
    InetSocketAddress boundAddress();

    /** The target pod changed: close open connections cleanly; new ones use the new target. */
    void targetChanged();

    /** @return completes when the local socket and all connections are closed */
    CompletionStage<Void> stop();
}
