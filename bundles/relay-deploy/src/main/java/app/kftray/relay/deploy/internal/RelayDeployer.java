package app.kftray.relay.deploy.internal;

import app.kftray.api.ConfigStore;
import app.kftray.api.KubeAccess;
import app.kftray.api.KubeAccess.PodInfo;
import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import app.kftray.api.KubeWorkloads;
import app.kftray.api.KubeWorkloads.PodSpec;
import app.kftray.api.ProtocolHandler;
import app.kftray.api.RelayManager;
import app.kftray.api.StateStore;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.PodRef;
import app.kftray.api.model.ResolvedTarget;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys one relay pod per forward that needs one (a proxy workload, or a protocol whose handler
 * declares {@value ProtocolHandler#NEEDS_RELAY}, such as udp): labelled as this user's, configured
 * through the relay's environment, ready before it is used, deleted when the forward stops. Relay
 * pods of crashed runs are removed when this component starts and by {@link #removeOrphans}.
 */
@Component(service = RelayManager.class, configurationPid = RelayDeployer.PID)
@Designate(ocd = RelaySettings.class)
public final class RelayDeployer implements RelayManager {
    /** Configuration PID. */
    public static final String PID = "app.kftray.relay";
    private static final Logger LOG = LoggerFactory.getLogger(RelayDeployer.class);

    private final KubeAccess kube;
    private final KubeWorkloads workloads;
    private final Options options;
    private final RelayLabels labels;
    private final OrphanPolicy orphans;
    private final Map<Long, ResolvedTarget> relays = new ConcurrentHashMap<>();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<Long, Object> locks = new ConcurrentHashMap<>();
    private final StartupSweep sweep;

    /**
     * @param kube      reads pods and services
     * @param workloads creates and deletes pods
     * @param states    who runs which forward, to recognise leftovers
     * @param configs   the saved forwards, to know where to look for leftovers
     * @param settings  image, port and ready timeout
     */
    @Activate
    public RelayDeployer(@Reference KubeAccess kube, @Reference KubeWorkloads workloads, @Reference StateStore states,
                         @Reference ConfigStore configs, RelaySettings settings) {
        this(kube, workloads, states, configs, new Options(settings.image(), settings.relay_port(),
                Duration.ofSeconds(Math.max(1, settings.ready_timeout_seconds()))));
    }

    /**
     * How relay pods are made.
     *
     * @param image        container image
     * @param relayPort    port the relay listens on in its pod
     * @param readyTimeout how long a new relay pod may take to become ready
     */
    record Options(String image, int relayPort, Duration readyTimeout) {
    }

    RelayDeployer(KubeAccess kube, KubeWorkloads workloads, StateStore states, ConfigStore configs, Options options) {
        this.kube = kube;
        this.workloads = workloads;
        this.options = options;
        this.labels = RelayLabels.of(System.getProperty("user.name"), states.self().host());
        this.orphans = new OrphanPolicy(states);
        this.sweep = StartupSweep.start(configs, this);
    }

    /**
     * Only the handler's service properties are needed: they say which protocols need the relay.
     *
     * @param properties service properties of a protocol handler
     */
    @Reference(service = ProtocolHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeProtocolHandler")
    void addProtocolHandler(Map<String, Object> properties) {
        sweep.handlerAdded(properties);
    }

    void removeProtocolHandler(Map<String, Object> properties) {
        sweep.handlerRemoved(properties);
    }

    @Override
    public ResolvedTarget ensureRelay(ForwardConfig config) {
        long id = config.idOrMinusOne();
        synchronized (locks.computeIfAbsent(id, k -> new Object())) {
            ResolvedTarget current = relays.get(id);
            if (current != null && isReady(current.pod())) {
                return current;
            }
            inFlight.add(id);
            try {
                if (current != null) {
                    relays.remove(id);
                    deleteQuietly(config, "it is no longer ready");
                }
                ResolvedTarget created = deploy(config);
                relays.put(id, created);
                return created;
            } finally {
                inFlight.remove(id);
            }
        }
    }

    @Override
    public String image() {
        return options.image() == null ? "" : options.image().trim();
    }

    @Override
    public void release(ForwardConfig config) {
        long id = config.idOrMinusOne();
        synchronized (locks.computeIfAbsent(id, k -> new Object())) {
            if (relays.remove(id) != null) {
                deleteQuietly(config, "its forward stopped");
            }
        }
    }

    @Override
    public int removeOrphans(ClusterRef cluster, String namespace) {
        int removed = 0;
        for (PodInfo pod : kube.pods(cluster, namespace, labels.ownSelector())) {
            Long configId = configId(pod);
            if (configId == null || !orphans.isOrphan(configId, isOwnedHere(configId, pod))) {
                continue;
            }
            LOG.info("removing relay pod {} of forward {}: no running kftray process uses it", pod.ref(), configId);
            removed += workloads.deletePods(cluster, namespace, labels.configSelector(configId));
        }
        return removed;
    }

    /** Stops the start-up sweep and deletes the relays still in use (normally the engine released them). */
    @Deactivate
    void deactivate() {
        sweep.stop();
        relays.forEach((id, target) -> {
            try {
                workloads.deletePods(target.pod().cluster(), target.pod().namespace(), labels.configSelector(id));
            } catch (KubeException e) {
                LOG.warn("cannot delete relay pod {}: {}; it is removed on the next start", target.pod(), e.getMessage());
            }
        });
        relays.clear();
    }

    private ResolvedTarget deploy(ForwardConfig config) {
        ClusterRef cluster = ClusterRef.of(config);
        PodSpec spec = spec(config);
        PodRef pod = create(config, cluster, spec);
        Duration timeout = options.readyTimeout();
        boolean ready;
        try {
            ready = workloads.awaitReady(pod, timeout);
        } catch (KubeException e) {
            deleteQuietly(config, "it failed to start");
            throw new KubeException(e.reason(), "the relay pod " + pod + " of forward '" + config.displayName()
                    + "' did not start: " + e.getMessage(), e);
        }
        if (!ready) {
            deleteQuietly(config, "it was not ready in time");
            throw new KubeException(Reason.NOT_READY, "the relay pod " + pod + " of forward '" + config.displayName()
                    + "' was not ready within " + timeout.toSeconds() + " s and was deleted; check that the cluster can"
                    + " pull image " + spec.image() + " (kubectl describe pod) or raise the ready timeout", null);
        }
        LOG.info("relay pod {} ready for forward '{}' (target {}:{})", pod, config.displayName(),
                spec.env().get(RelayEnvironment.REMOTE_ADDRESS), spec.env().get(RelayEnvironment.REMOTE_PORT));
        return new ResolvedTarget(pod, spec.containerPort());
    }

    /** Creates the pod; a name clash with our own leftover is cleaned up once and retried. */
    private PodRef create(ForwardConfig config, ClusterRef cluster, PodSpec spec) {
        try {
            return workloads.createPod(cluster, spec);
        } catch (KubeException refused) {
            if (refused.reason() == Reason.REFUSED && removeOrphans(cluster, spec.namespace()) > 0) {
                return createOrExplain(config, cluster, spec);
            }
            throw explain(config, spec, refused);
        }
    }

    private PodRef createOrExplain(ForwardConfig config, ClusterRef cluster, PodSpec spec) {
        try {
            return workloads.createPod(cluster, spec);
        } catch (KubeException refused) {
            throw explain(config, spec, refused);
        }
    }

    private static KubeException explain(ForwardConfig config, PodSpec spec, KubeException refused) {
        if (refused.reason() != Reason.REFUSED) {
            return refused;
        }
        String hint = String.valueOf(refused.getMessage()).contains("already exists")
                ? "a pod named " + spec.name() + " already exists and is not a leftover of this user's kftray; another"
                + " kftray process may run this forward, otherwise delete that pod"
                : "the cluster refused to create it; the relay needs permission to create and delete pods in namespace "
                + spec.namespace();
        return new KubeException(Reason.REFUSED, "forward '" + config.displayName() + "' cannot deploy its relay pod "
                + spec.name() + ": " + hint + " (" + refused.getMessage() + ")", refused);
    }

    private PodSpec spec(ForwardConfig config) {
        RelayTarget target = RelayTarget.of(config, kube);
        long id = config.idOrMinusOne();
        return new PodSpec(config.namespace(), labels.podName(id), options.image(), labels.forConfig(id),
                RelayEnvironment.of(target, options.relayPort()), options.relayPort());
    }

    private boolean isReady(PodRef pod) {
        try {
            return kube.pods(pod.cluster(), pod.namespace(), labels.ownSelector()).stream()
                    .anyMatch(p -> p.ref().name().equals(pod.name()) && p.ready());
        } catch (KubeException e) {
            return false;
        }
    }

    private boolean isOwnedHere(long configId, PodInfo pod) {
        ResolvedTarget mine = relays.get(configId);
        return inFlight.contains(configId) || (mine != null && mine.pod().name().equals(pod.ref().name()));
    }

    private void deleteQuietly(ForwardConfig config, String why) {
        try {
            workloads.deletePods(ClusterRef.of(config), config.namespace(), labels.configSelector(config.idOrMinusOne()));
        } catch (KubeException e) {
            LOG.warn("cannot delete the relay pod of forward '{}' ({}): {}; it is removed on the next start",
                    config.displayName(), why, e.getMessage());
        }
    }

    private static Long configId(PodInfo pod) {
        try {
            return Long.valueOf(pod.labels().get(RelayLabels.CONFIG_ID));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
