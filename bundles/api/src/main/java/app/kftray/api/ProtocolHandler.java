package app.kftray.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service that runs forwards of one protocol. Register it with the service
 * property {@value #PROTOCOL} naming the protocol (e.g. {@code tcp}); the engine picks
 * the handler whose name equals a definition's {@code protocol}. Installing a bundle with
 * a handler makes its protocol usable at once; unregistering it stops its forwards.
 */
@ConsumerType
public interface ProtocolHandler {
    /** Service property holding the protocol name. */
    String PROTOCOL = "kftray.protocol";

    /** @return the protocol name, equal to the {@value #PROTOCOL} property */
    String protocol();

    /**
     * Binds the local side of a forward and starts serving it.
     *
     * @param context what the forward needs from the engine
     * @return the running forward
     * @throws KftrayException if it cannot start (port in use, bad address...)
     */
    RunningForward start(ForwardContext context);
}
