package app.kftray.protocol.socks5.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.KftrayException;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.net.TcpListener;
import app.kftray.net.TcpListenerForward;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** One bound SOCKS5 listener of a forward and the connections it accepted. */
final class Socks5Forward extends TcpListenerForward {
    private Socks5Forward(TcpListener listener, Consumer<? super TcpListenerForward> onStopped) {
        super(listener, onStopped);
    }

    /**
     * Binds the forward's local address; blocks until bound.
     *
     * @param context   the forward
     * @param policy    the settings each new connection uses (they may change while running)
     * @param lookups   where blocking name lookups run
     * @param onStopped told once the forward has stopped
     * @return the bound forward
     * @throws KftrayException naming the address when binding fails
     */
    static Socks5Forward bind(ForwardContext context, Supplier<Socks5Policy> policy, Executor lookups,
                              Consumer<? super TcpListenerForward> onStopped) {
        ForwardConfig config = context.config();
        boolean remote = config.listensBeyondLoopback();
        if (remote && policy.get().password().isEmpty()) {
            throw new KftrayException("socks5 forward '" + config.displayName() + "' listens on "
                    + config.effectiveLocalAddress() + ", reachable from other machines, and would let anyone there "
                    + "into the cluster: set a user name and password (configuration " + Socks5ProtocolHandler.PID
                    + ": username, password) or bind it to 127.0.0.1");
        }
        PodConnector connector = new PodConnector(
                new ClusterDestinations(context.kube(), ClusterRef.of(config), config.namespace()),
                context.transport(), lookups);
        TcpListener listener = TcpListener.bind(config, context.group(), context.hostsHelper(), true, connection -> {
            Socks5Policy now = policy.get();
            if (remote && now.password().isEmpty()) {
                // the password was removed while it ran: nobody from outside gets in without one
                connection.close();
                return;
            }
            Socks5Pipeline.install(connection.pipeline(), now, connector, context.monitor());
        });
        return new Socks5Forward(listener, onStopped);
    }

    /** Each connection resolved its own pod when it was opened; a forward-wide target change means nothing here. */
    @Override
    public void targetChanged() {
    }
}
