package app.kftray.relay.deploy.internal;

import app.kftray.api.ConfigStore;
import app.kftray.api.KubeAccess;
import app.kftray.api.KubeAccess.PodInfo;
import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import app.kftray.api.KubeWorkloads;
import app.kftray.api.KubeWorkloads.ObjectKind;
import app.kftray.api.ProtocolHandler;
import app.kftray.api.RelayManager;
import app.kftray.api.StateStore;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ExposeOptions;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.PodRef;
import app.kftray.api.model.ResolvedTarget;
import app.kftray.api.model.WorkloadType;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 * Deploys one relay per forward that needs one (a proxy workload, or a protocol whose handler declares
 * {@value ProtocolHandler#NEEDS_RELAY}, such as udp, or an expose workload): from the editable templates
 * ({@link RelayTemplates}), as a Deployment unless the settings ask for a bare pod, labelled as this user's,
 * configured through the relay's environment, ready before it is used, deleted with everything made for it
 * when the forward stops. An expose workload also gets a Secret (the relay's per-forward secret), a Service
 * and, when public, an Ingress. What crashed runs left is removed when this component starts and by
 * {@link #removeOrphans}.
 */
@Component(service = RelayManager.class, configurationPid = RelayDeployer.PID)
@Designate(ocd = RelaySettings.class)
public final class RelayDeployer implements RelayManager {
    /** Configuration PID. */
    public static final String PID = "app.kftray.relay";
    private static final Logger LOG = LoggerFactory.getLogger(RelayDeployer.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Everything a forward's relay may consist of, deleted in this order. */
    private static final List<ObjectKind> ALL_KINDS = List.of(ObjectKind.INGRESS, ObjectKind.SERVICE,
            ObjectKind.DEPLOYMENT, ObjectKind.POD, ObjectKind.SECRET);

    private final KubeAccess kube;
    private final KubeWorkloads workloads;
    private final ConfigStore configs;
    private final Options options;
    private final RelayLabels labels;
    private final RelayManifests manifests;
    private final ReadyPods readyPods;
    private final OrphanPolicy orphans;
    private final Map<Long, ResolvedTarget> relays = new ConcurrentHashMap<>();
    private final Map<Long, String> secrets = new ConcurrentHashMap<>();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<Long, Object> locks = new ConcurrentHashMap<>();
    private final StartupSweep sweep;

    /**
     * @param kube      reads pods and services
     * @param workloads creates and deletes the relay's objects
     * @param states    who runs which forward, to recognise leftovers
     * @param configs   the saved forwards, to know where to look for leftovers and how to expose
     * @param settings  image, workload kind and ready timeout
     */
    @Activate
    public RelayDeployer(@Reference KubeAccess kube, @Reference KubeWorkloads workloads, @Reference StateStore states,
                         @Reference ConfigStore configs, RelaySettings settings) {
        this(kube, workloads, states, configs, new Options(image(settings),
                Duration.ofSeconds(Math.max(1, settings.ready_timeout_seconds())), RelayTemplates.ofHome()));
    }

    private static RelayImage image(RelaySettings settings) {
        boolean kftray = "kftray".equalsIgnoreCase(settings.image_flavor().trim());
        String image = kftray && RelaySettings.DEFAULT_IMAGE.equals(settings.image().trim())
                ? RelaySettings.KFTRAY_IMAGE : settings.image().trim();
        return new RelayImage(image, settings.image_pull_secret(), "pod".equalsIgnoreCase(settings.workload().trim()),
                kftray);
    }

    /**
     * A deployer with the default image and the kftray home's templates, for use outside a framework
     * (benchmarks, tools); {@link #close()} it when done.
     *
     * @param kube         reads pods
     * @param workloads    creates and deletes the relay's objects
     * @param states       who runs which forward
     * @param configs      the saved forwards
     * @param readyTimeout how long a new relay may take to become ready
     * @return the deployer
     */
    public static RelayDeployer withDefaults(KubeAccess kube, KubeWorkloads workloads, StateStore states,
                                             ConfigStore configs, Duration readyTimeout) {
        return new RelayDeployer(kube, workloads, states, configs, new Options(
                new RelayImage(RelaySettings.DEFAULT_IMAGE, "", false, false), readyTimeout, RelayTemplates.ofHome()));
    }

    /** Deletes the relays still in use, as deactivation does; for a deployer made by {@link #withDefaults}. */
    public void close() {
        deactivate();
    }

    /**
     * How relays are made.
     *
     * @param image        the image and how it is deployed
     * @param readyTimeout how long a new relay may take to become ready
     * @param templates    the manifests to fill in
     */
    record Options(RelayImage image, Duration readyTimeout, RelayTemplates templates) {
    }

    RelayDeployer(KubeAccess kube, KubeWorkloads workloads, StateStore states, ConfigStore configs, Options options) {
        this.kube = kube;
        this.workloads = workloads;
        this.configs = configs;
        this.options = options;
        this.labels = RelayLabels.of(System.getProperty("user.name"), states.self().host());
        this.manifests = new RelayManifests(options.templates(), options.image());
        this.readyPods = new ReadyPods(kube);
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
            if (current != null) {
                Optional<ResolvedTarget> still = stillServing(config, current);
                if (still.isPresent()) {
                    relays.put(id, still.get());
                    return still.get();
                }
            }
            inFlight.add(id);
            try {
                if (current != null) {
                    relays.remove(id);
                    secrets.remove(id);
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
        String name = options.image().name();
        return name == null ? "" : name.trim();
    }

    @Override
    public Optional<String> exposeSecret(ForwardConfig config) {
        return Optional.ofNullable(secrets.get(config.idOrMinusOne()));
    }

    @Override
    public void release(ForwardConfig config) {
        long id = config.idOrMinusOne();
        synchronized (locks.computeIfAbsent(id, k -> new Object())) {
            secrets.remove(id);
            if (relays.remove(id) != null) {
                deleteQuietly(config, "its forward stopped");
            }
        }
    }

    @Override
    public int removeOrphans(ClusterRef cluster, String namespace) {
        Set<Long> orphaned = new TreeSet<>();
        for (PodInfo pod : kube.pods(cluster, namespace, labels.ownSelector())) {
            Long configId = configId(pod);
            if (configId != null && orphans.isOrphan(configId, isOwnedHere(configId, pod))) {
                orphaned.add(configId);
            }
        }
        int removed = 0;
        for (long configId : orphaned) {
            LOG.info("removing the relay of forward {} in namespace {}: no running kftray process uses it", configId,
                    namespace);
            removed += deleteAll(cluster, namespace, configId);
        }
        return removed;
    }

    /** Stops the start-up sweep and deletes the relays still in use (normally the engine released them). */
    @Deactivate
    void deactivate() {
        sweep.stop();
        relays.forEach((id, target) -> {
            try {
                deleteAll(target.pod().cluster(), target.pod().namespace(), id);
            } catch (KubeException e) {
                LOG.warn("cannot delete the relay {}: {}; it is removed on the next start", target.pod(), e.getMessage());
            }
        });
        relays.clear();
        secrets.clear();
    }

    /** A Deployment replaces its pod: a relay whose pod went is waited for before it is deployed anew. */
    private Optional<ResolvedTarget> stillServing(ForwardConfig config, ResolvedTarget current) {
        PodRef pod = current.pod();
        String selector = labels.configSelector(config.idOrMinusOne());
        try {
            Optional<PodRef> ready = options.image().barePod()
                    ? readyPods.now(pod.cluster(), pod.namespace(), selector).filter(p -> p.name().equals(pod.name()))
                    : readyPods.await(pod.cluster(), pod.namespace(), selector, options.readyTimeout());
            return ready.map(p -> new ResolvedTarget(p, current.port()));
        } catch (KubeException e) {
            return Optional.empty();
        }
    }

    private ResolvedTarget deploy(ForwardConfig config) {
        ClusterRef cluster = ClusterRef.of(config);
        long id = config.idOrMinusOne();
        boolean expose = config.workloadType() == WorkloadType.EXPOSE;
        String name = expose ? labels.exposeName(id) : labels.podName(id);
        Map<String, String> podLabels = labels.forConfig(id);
        String secret = null;
        try {
            List<Map<String, Object>> env;
            if (expose) {
                secret = newSecret();
                env = manifests.exposeEnv(name);
                create(config, cluster, "Secret", name, RelayManifests.secret(name, podLabels, secret));
            } else {
                env = manifests.relayEnv(RelayTarget.of(config, kube));
            }
            create(config, cluster, options.image().barePod() ? "pod" : "Deployment", name,
                    manifests.workload(name, podLabels, env));
            if (expose) {
                publish(config, cluster, podLabels);
            }
        } catch (KubeException e) {
            deleteQuietly(config, "it could not be created");
            throw e;
        }
        PodRef pod = awaitReady(config, cluster, name);
        if (secret != null) {
            secrets.put(id, secret);
        }
        LOG.info("relay {} ready for forward '{}'", pod, config.displayName());
        return new ResolvedTarget(pod, expose ? RelayManifests.CONTROL_PORT : RelayManifests.RELAY_PORT);
    }

    /** The Service (and for public exposure the Ingress) of an expose workload. */
    private void publish(ForwardConfig config, ClusterRef cluster, Map<String, String> podLabels) {
        String service = serviceName(config);
        create(config, cluster, "Service", service, manifests.service(service, podLabels, config.localPort()));
        ExposeOptions options = configs.exposeOptions(config.idOrMinusOne()).orElse(ExposeOptions.clusterOnly());
        if (options.isPublic()) {
            create(config, cluster, "Ingress", service, manifests.ingress(service, podLabels,
                    config.alias().toLowerCase(Locale.ROOT), config.localPort(), options,
                    "kftray-expose-tls-" + config.idOrMinusOne()));
        }
    }

    /** kftray's naming: the alias, for a public one up to its first dot. */
    static String serviceName(ForwardConfig config) {
        return config.alias().toLowerCase(Locale.ROOT).split("\\.")[0];
    }

    private PodRef awaitReady(ForwardConfig config, ClusterRef cluster, String name) {
        Duration timeout = options.readyTimeout();
        Optional<PodRef> pod;
        try {
            pod = readyPods.await(cluster, config.namespace(), labels.configSelector(config.idOrMinusOne()), timeout);
        } catch (KubeException e) {
            deleteQuietly(config, "it failed to start");
            throw new KubeException(e.reason(), "the relay " + name + " of forward '" + config.displayName()
                    + "' did not start: " + e.getMessage(), e);
        }
        if (pod.isEmpty()) {
            deleteQuietly(config, "it was not ready in time");
            throw new KubeException(Reason.NOT_READY, "the relay " + name + " of forward '" + config.displayName()
                    + "' was not ready within " + timeout.toSeconds() + " s and was deleted; check that the cluster can"
                    + " pull image " + options.image().name() + " (kubectl describe pod -l "
                    + labels.configSelector(config.idOrMinusOne()) + ") or raise the ready timeout", null);
        }
        return pod.get();
    }

    /** Creates one object; a name clash with our own leftover is cleaned up once and retried. */
    private void create(ForwardConfig config, ClusterRef cluster, String kind, String name, String manifest) {
        try {
            workloads.create(cluster, config.namespace(), manifest);
        } catch (KubeException refused) {
            if (refused.reason() == Reason.REFUSED && isNameClash(refused)
                    && removeOrphans(cluster, config.namespace()) > 0) {
                try {
                    workloads.create(cluster, config.namespace(), manifest);
                    return;
                } catch (KubeException again) {
                    throw explain(config, kind, name, again);
                }
            }
            throw explain(config, kind, name, refused);
        }
    }

    private static boolean isNameClash(KubeException refused) {
        return String.valueOf(refused.getMessage()).contains("already exists");
    }

    private static KubeException explain(ForwardConfig config, String kind, String name, KubeException refused) {
        if (refused.reason() != Reason.REFUSED) {
            return new KubeException(refused.reason(), "forward '" + config.displayName() + "' cannot create its "
                    + kind + " " + name + ": " + refused.getMessage(), refused);
        }
        String hint = isNameClash(refused)
                ? "a " + kind + " named " + name + " already exists and is not a leftover of this user's kftray; another"
                + " kftray process may run this forward, otherwise delete it"
                : "the cluster refused it; kftray needs permission to create and delete " + kind + "s in namespace "
                + config.namespace();
        return new KubeException(Reason.REFUSED, "forward '" + config.displayName() + "' cannot deploy its relay "
                + kind + " " + name + ": " + hint + " (" + refused.getMessage() + ")", refused);
    }

    private boolean isOwnedHere(long configId, PodInfo pod) {
        ResolvedTarget mine = relays.get(configId);
        return inFlight.contains(configId) || mine != null;
    }

    private void deleteQuietly(ForwardConfig config, String why) {
        try {
            deleteAll(ClusterRef.of(config), config.namespace(), config.idOrMinusOne());
        } catch (KubeException e) {
            LOG.warn("cannot delete the relay of forward '{}' ({}): {}; it is removed on the next start",
                    config.displayName(), why, e.getMessage());
        }
    }

    /** Deletes every kind of object a forward's relay may have; a kind the user may not list is skipped. */
    private int deleteAll(ClusterRef cluster, String namespace, long configId) {
        String selector = labels.configSelector(configId);
        int deleted = 0;
        KubeException last = null;
        for (ObjectKind kind : ALL_KINDS) {
            try {
                deleted += workloads.delete(cluster, namespace, kind, selector);
            } catch (KubeException e) {
                if (e.reason() != Reason.REFUSED && e.reason() != Reason.NOT_FOUND) {
                    last = e;
                }
            }
        }
        if (last != null) {
            throw last;
        }
        return deleted;
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Long configId(PodInfo pod) {
        try {
            return Long.valueOf(pod.labels().get(RelayLabels.CONFIG_ID));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
