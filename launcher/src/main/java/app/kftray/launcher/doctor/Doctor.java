package app.kftray.launcher.doctor;

import app.kftray.api.ConfigStore;
import app.kftray.api.HostsHelper;
import app.kftray.api.KftrayHome;
import app.kftray.api.KubeAccess;
import app.kftray.api.RelayManager;
import app.kftray.api.StateStore;
import app.kftray.api.model.ForwardConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code kftray doctor} checks, in the order it prints them: this machine first, then the
 * kubeconfig files, then, with the runtime's services, every context and what the saved
 * forwards need.
 */
public final class Doctor {
    private Doctor() {
    }

    /**
     * @param home the kftray home
     * @return the Java runtime and the home's permissions
     */
    public static List<Finding> local(KftrayHome home) {
        List<Finding> findings = new ArrayList<>();
        findings.add(LocalChecks.java());
        findings.addAll(LocalChecks.home(home));
        return findings;
    }

    /**
     * @param explicit   the {@code --kubeconfig} file, or {@code null}
     * @param kubeconfig the {@code KUBECONFIG} variable, or {@code null}
     * @param userHome   the user's home directory
     * @return whether the files kubectl would read exist and are readable
     */
    public static List<Finding> kubeconfigFiles(String explicit, String kubeconfig, Path userHome) {
        return KubeconfigFiles.check(KubeconfigFiles.of(explicit, kubeconfig, userHome));
    }

    /**
     * @param explicit    the {@code --kubeconfig} file, or {@code null} for the default
     * @param readDefault whether the default kubeconfig can be read (its contexts are checked then)
     * @param services    the runtime's services
     * @return every context's API server, credentials and permissions; the helper, relay image and ports
     */
    public static List<Finding> withServices(String explicit, boolean readDefault, Services services) {
        List<ForwardConfig> saved = services.configs().list();
        List<Finding> findings = new ArrayList<>();
        ClusterChecks clusters = new ClusterChecks(services.kube(), saved);
        Set<String> kubeconfigs = new LinkedHashSet<>();
        if (explicit != null || readDefault) {
            kubeconfigs.add(explicit == null ? "" : explicit);
        }
        for (ForwardConfig config : saved) {
            if (explicit == null && config.kubeconfig() != null && !config.kubeconfig().isBlank()) {
                kubeconfigs.add(config.kubeconfig());
            }
        }
        kubeconfigs.forEach(file -> findings.addAll(clusters.check(file.isEmpty() ? null : file)));
        ServiceChecks local = new ServiceChecks(saved);
        findings.add(local.helper(services.helper()));
        findings.add(local.relay(services.relays()));
        findings.addAll(local.ports(services.states()));
        return findings;
    }

    /**
     * The services the checks use.
     *
     * @param configs the saved forwards
     * @param states  who runs them
     * @param kube    cluster access
     * @param helper  the privileged helper's client
     * @param relays  the relay deployer
     */
    public record Services(ConfigStore configs, StateStore states, KubeAccess kube, HostsHelper helper,
                           RelayManager relays) {
    }
}
