package app.kftray.launcher.doctor;

import app.kftray.api.HostsHelper;
import app.kftray.api.RelayManager;
import app.kftray.api.StateStore;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.WorkloadType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks of what the saved forwards need on this machine: the helper, the relay image, free ports. */
final class ServiceChecks {
    private final List<ForwardConfig> saved;

    /** @param saved the saved forwards */
    ServiceChecks(List<ForwardConfig> saved) {
        this.saved = saved;
    }

    /**
     * @param helper the privileged helper's client
     * @return whether it answers; a problem only when a saved forward needs it
     */
    Finding helper(HostsHelper helper) {
        if (helper.available()) {
            return Finding.ok("helper", helper.describe());
        }
        List<String> needing = saved.stream().filter(ServiceChecks::needsHelper).map(ForwardConfig::displayName)
                .toList();
        return needing.isEmpty() ? Finding.warn("helper", helper.describe() + " (no saved forward needs it)")
                : Finding.fail("helper", helper.describe() + "; needed by " + String.join(", ", needing)
                        + " (host names, loopback addresses or ports below 1024)");
    }

    /**
     * @param relays the relay deployer
     * @return the image relay pods are made from; missing is a problem only when a forward uses the relay
     */
    Finding relay(RelayManager relays) {
        String image = relays.image();
        if (!image.isEmpty()) {
            return Finding.ok("relay", "relay pods run image " + image);
        }
        boolean used = saved.stream().anyMatch(c -> c.workloadType() == WorkloadType.PROXY || "udp".equals(c.protocol()));
        String text = "no relay image is configured (configuration app.kftray.relay, property image)";
        return used ? Finding.fail("relay", text + "; proxy and udp forwards need it") : Finding.warn("relay", text);
    }

    /**
     * @param states who runs which forward now
     * @return for each auto-start forward, whether its local port is free (or held by the kftray running it)
     */
    List<Finding> ports(StateStore states) {
        List<Finding> findings = new ArrayList<>();
        for (ForwardConfig config : saved) {
            if (!config.autoStart() || config.localPort() == 0) {
                continue;
            }
            String where = config.effectiveLocalAddress() + ":" + config.localPort();
            Optional<ForwardState> state = states.get(config.id());
            if (state.isPresent() && state.get().status() != ForwardStatus.STOPPED && !state.get().stale()) {
                findings.add(Finding.ok("ports", "'" + config.displayName() + "' " + where + " is held by the kftray "
                        + "process running it (" + state.get().owner() + ")"));
                continue;
            }
            findings.add(bindable(config, where));
        }
        return findings;
    }

    private static Finding bindable(ForwardConfig config, String where) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(config.effectiveLocalAddress()), config.localPort()));
            return Finding.ok("ports", "'" + config.displayName() + "' " + where + " is free");
        } catch (IOException e) {
            if (config.localPort() < 1024 && String.valueOf(e.getMessage()).contains("Permission denied")) {
                return Finding.warn("ports", "'" + config.displayName() + "' " + where + " needs root or the kftray "
                        + "helper (port below 1024)");
            }
            return Finding.fail("ports", "'" + config.displayName() + "' cannot listen on " + where + ": "
                    + e.getMessage() + "; stop the process holding it or change the forward's local port");
        }
    }

    private static boolean needsHelper(ForwardConfig config) {
        return config.domainEnabled() || config.autoLoopbackAddress()
                || config.localPort() > 0 && config.localPort() < 1024;
    }
}
