package app.kftray.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service that runs forwards of one protocol. Register it with the service
 * property {@value #PROTOCOL} naming the protocol (e.g. {@code tcp}); the engine picks
 * the handler whose name equals a definition's {@code protocol}. Installing a bundle with
 * a handler makes its protocol usable at once; unregistering it stops its forwards.
 *
 * <p>A handler declares its protocol's traits as further service properties, so the engine
 * and the relay deployment treat a hot-installed protocol like a built-in one:
 * {@value #NEEDS_RELAY}.
 */
@ConsumerType
public interface ProtocolHandler {
    /** Service property holding the protocol name. */
    String PROTOCOL = "kftray.protocol";

    /**
     * Service property: {@code true} when every forward of this protocol goes through the
     * in-cluster relay (as {@code udp} does, since a pod port-forward carries only TCP), so the
     * engine deploys a relay pod as its target and leftover relay pods of its forwards are swept
     * at start-up. A {@link Boolean} or the string {@code "true"}; absent means {@code false}.
     */
    String NEEDS_RELAY = "kftray.protocol.needs.relay";

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
