package app.kftray.forward.expose.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.KftrayException;
import app.kftray.api.ProtocolHandler;
import app.kftray.api.RelayManager;
import app.kftray.api.RunningForward;
import app.kftray.net.LiveForwards;
import java.time.Duration;
import java.util.function.Function;
import java.util.Optional;
import app.kftray.api.model.ForwardConfig;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Serves {@code expose} workloads: keeps a control stream to the forward's reverse relay (deployed by the
 * {@link RelayManager} with its Service and Ingress) and carries each connection the relay accepts from the
 * cluster to {@code local_address:local_port} of this machine over a port-forward stream of its own. The
 * engine routes expose workloads to the handler named {@value #NAME}.
 */
@Component(service = ProtocolHandler.class,
        property = {ProtocolHandler.PROTOCOL + "=" + ExposeProtocolHandler.NAME,
            ProtocolHandler.NEEDS_RELAY + ":Boolean=true"})
public final class ExposeProtocolHandler implements ProtocolHandler {
    /** The handler name expose workloads are served by. */
    public static final String NAME = "expose";
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final Function<ForwardConfig, Optional<String>> secrets;
    private final LiveForwards<ExposeForward> forwards = new LiveForwards<>(NAME);

    /** @param relays deploys the relay and knows its secret */
    @Activate
    public ExposeProtocolHandler(@Reference RelayManager relays) {
        this(relays::exposeSecret);
    }

    // not a second public constructor: SCR picks among public ones of the same length in an unspecified order, and
    // logged an error for this one whenever the JVM listed it first
    private ExposeProtocolHandler(Function<ForwardConfig, Optional<String>> secrets) {
        this.secrets = secrets;
    }

    /**
     * @param secrets the secret of each forward's relay
     * @return a handler for use outside a framework (benchmarks, tests)
     */
    public static ExposeProtocolHandler withSecrets(Function<ForwardConfig, Optional<String>> secrets) {
        return new ExposeProtocolHandler(secrets);
    }

    @Override
    public String protocol() {
        return NAME;
    }

    @Override
    public RunningForward start(ForwardContext context) {
        ForwardConfig config = context.config();
        String secret = secrets.apply(config).orElseThrow(() -> new KftrayException("forward '"
                + config.displayName() + "' has no relay deployed to expose it through; start it again"));
        return forwards.add(ExposeForward.start(context, () -> secrets.apply(config).orElse(secret),
                forwards::remove));
    }

    /** Normally the engine stops its forwards first; this closes any control stream left behind. */
    @Deactivate
    void deactivate() {
        forwards.stopAll(STOP_WAIT);
    }
}
