package app.kftray.engine.internal;

import app.kftray.api.HostsHelper;
import app.kftray.api.KftrayException;
import app.kftray.api.model.ForwardConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the privileged helper does for one forward: a dedicated loopback address before it binds
 * ({@code auto_loopback_address}, saved into the forward's local address as kftray does) and a
 * hosts-file alias once it listens ({@code domain_enabled}), removed when it stops. Without the
 * helper the forward still runs on its plain address, and {@link #problem()} says what is
 * missing and how to get it. Used on the forward's serial executor only.
 */
final class HelperSetup {
    private static final Logger LOG = LoggerFactory.getLogger(HelperSetup.class);
    private static final String NO_CLIENT = "the kftray helper client bundle is not installed";

    private final EngineServices services;
    private String problem;
    private String hostAdded;

    HelperSetup(EngineServices services) {
        this.services = services;
    }

    /**
     * @param config the forward as saved
     * @return the forward to bind: with its own loopback address where it asks for one and the
     *         helper gives it, else as saved
     */
    ForwardConfig beforeBind(ForwardConfig config) {
        problem = null;
        if (!config.autoLoopbackAddress()) {
            return config;
        }
        try {
            String address = helper().allocateLoopback(String.valueOf(config.id()));
            if (address.equals(config.localAddress())) {
                return config;
            }
            LOG.info("forward {} gets its own address {}", config.id(), address);
            return services.configs().update(config.toBuilder().localAddress(address).build());
        } catch (KftrayException e) {
            problem = "no dedicated loopback address (" + e.getMessage() + "); listening on " + config.localAddress()
                    + " instead";
            return config;
        }
    }

    /**
     * @param config    the forward as bound
     * @param boundHost the address it listens on
     */
    void afterBind(ForwardConfig config, String boundHost) {
        if (!config.domainEnabled()) {
            return;
        }
        String id = String.valueOf(config.id());
        try {
            helper().addHost(id, boundHost, config.alias());
            hostAdded = id;
        } catch (KftrayException e) {
            String missing = config.alias() + " does not resolve to " + boundHost + " (" + e.getMessage() + ")";
            problem = problem == null ? missing : problem + "; " + missing;
        }
    }

    /** Removes the hosts entry this forward added; the loopback address stays its own for next time. */
    void release() {
        problem = null;
        if (hostAdded == null) {
            return;
        }
        try {
            helper().removeHost(hostAdded);
        } catch (KftrayException e) {
            LOG.warn("the hosts entry of forward {} stays until the next start: {}", hostAdded, e.getMessage());
        }
        hostAdded = null;
    }

    /**
     * Forgets the hosts entry without removing it: the forward moved to another process, whose entry
     * for the same forward it is now.
     */
    void forget() {
        problem = null;
        hostAdded = null;
    }

    /** @return what the helper could not do for the running forward, or null */
    String problem() {
        return problem;
    }

    private HostsHelper helper() {
        HostsHelper helper = services.hostsHelper().get();
        if (helper == null) {
            throw new KftrayException(NO_CLIENT);
        }
        return helper;
    }
}
