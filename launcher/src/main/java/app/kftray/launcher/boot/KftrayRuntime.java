package app.kftray.launcher.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Felix framework running one or more features, plus FileInstall on the
 * deploy directory. A bundle that fails to start is reported and skipped; the runtime
 * keeps going.
 */
public final class KftrayRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KftrayRuntime.class);
    private static final String DEPLOY_WATCHER = "org.apache.felix.fileinstall";
    private static final Duration STOP_TIMEOUT = Duration.ofMillis(1500);

    private final Felix framework;
    private final FrameworkCache cache;
    private final List<String> failures = new ArrayList<>();

    private KftrayRuntime(Felix framework, FrameworkCache cache) {
        this.framework = framework;
        this.cache = cache;
    }

    /**
     * Starts the framework and every bundle of the features.
     *
     * @param settings what to start
     * @return the running runtime
     */
    public static KftrayRuntime start(RuntimeSettings settings) {
        SharedLibraries shared = SharedLibraries.of(settings.distribution());
        List<Path> bundleFiles = bundleFiles(settings, shared);
        FrameworkCache cache = FrameworkCache.open(settings.home(), String.join("+", settings.features()),
                cacheRoom(bundleFiles));
        try {
            return start(settings, shared, bundleFiles, cache);
        } catch (LauncherException e) {
            if (!cache.persistent()) {
                throw e;
            }
            // an unreadable cache (another Felix version, a crash mid-write) must not stop kftray
            LOG.debug("reusing the framework cache failed ({}); starting from an empty one", e.getMessage());
            cache.wipe();
            try {
                return start(settings, shared, bundleFiles, cache);
            } catch (LauncherException again) {
                // the home cannot hold the cache (a small or full disk): run from one outside it
                cache.wipe();
                cache.close();
                LOG.warn("the framework cache in {} cannot be written ({}); using a temporary one outside the kftray "
                        + "home", cache.directory(), firstLine(again.getMessage()));
                return start(settings, shared, bundleFiles, FrameworkCache.temporary());
            }
        }
    }

    private static KftrayRuntime start(RuntimeSettings settings, SharedLibraries shared, List<Path> bundleFiles,
                                       FrameworkCache cache) {
        Map<String, Object> config = FrameworkConfig.of(settings, cache.directory());
        config.put("org.osgi.framework.storage.clean", cache.persistent() ? "none" : "onFirstInit");
        List<String> extra = new ArrayList<>(List.of(FrameworkConfig.SYSTEM_PACKAGES_EXTRA));
        extra.addAll(shared.exports());
        config.put("org.osgi.framework.system.packages.extra", String.join(",", extra));
        if (settings.features().contains("shell")) {
            config.put("gosh.args", "");
        }
        Felix felix = new Felix(config);
        KftrayRuntime runtime = new KftrayRuntime(felix, cache);
        try {
            felix.init();
            // tracked before the start: on a reused cache the framework restarts the engine by itself
            try (AutoStartSetting autoStart = AutoStartSetting.track(felix.getBundleContext(), settings.autoStart())) {
                List<Bundle> bundles = new BundleReconciler(felix.getBundleContext(), cache.directory(),
                        settings.deployDirectory()).reconcile(bundleFiles);
                felix.start();
                runtime.startAll(bundles);
            }
        } catch (BundleException | RuntimeException e) {
            runtime.stopFramework();
            throw new LauncherException("the OSGi framework failed to start: " + e.getMessage(), e);
        }
        return runtime;
    }

    /** @return the room a new framework cache of these bundles needs: copies and extracted jars, and a margin */
    private static long cacheRoom(List<Path> bundleFiles) {
        long total = 0;
        for (Path file : bundleFiles) {
            try {
                total += Files.size(file);
            } catch (IOException gone) {
                // reported when the bundle is installed
            }
        }
        return 2 * total + (64L << 20);
    }

    private static List<Path> bundleFiles(RuntimeSettings settings, SharedLibraries shared) {
        FeatureCatalog catalog = FeatureCatalog.load(settings.featuresDirectory());
        Set<String> artifacts = new LinkedHashSet<>();
        for (String feature : settings.features()) {
            artifacts.addAll(catalog.bundlesOf(feature));
        }
        if (settings.watchDeploy()) {
            artifacts.add(DEPLOY_WATCHER);
        }
        List<Path> files = new ArrayList<>();
        for (String artifact : artifacts) {
            if (shared.provides(artifact)) {
                continue;
            }
            Path file = settings.bundlesDirectory().resolve(artifact + ".jar");
            if (!Files.isRegularFile(file)) {
                throw new LauncherException("bundle '" + artifact + "' is named by a feature but " + file
                        + " is missing; rebuild the distribution");
            }
            files.add(file);
        }
        return files;
    }

    private void startAll(List<Bundle> installed) {
        long begin = System.nanoTime();
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException e) {
                String failure = "bundle " + bundle.getSymbolicName() + " did not start: " + firstLine(e.getMessage());
                failures.add(failure);
                LOG.error(failure);
            }
        }
        LOG.debug("started bundles in {} ms", (System.nanoTime() - begin) / 1_000_000);
    }

    /** Felix repeats the missing requirement after the first sentence; one line is enough. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.lines().findFirst().orElse(message);
        int repeat = line.indexOf(" Unresolved requirements:");
        return repeat < 0 ? line : line.substring(0, repeat);
    }

    /** @return one line per bundle that did not start */
    List<String> failures() {
        return List.copyOf(failures);
    }

    /** @return bundles in ACTIVE state (fragments count as active when resolved) */
    public long activeBundles() {
        return Stream.of(framework.getBundleContext().getBundles())
                .filter(b -> b.getState() == Bundle.ACTIVE
                        || b.getState() == Bundle.RESOLVED && b.getHeaders().get(Constants.FRAGMENT_HOST) != null)
                .count();
    }

    /** @return the number of installed bundles, the system bundle included */
    public int installedBundles() {
        return framework.getBundleContext().getBundles().length;
    }

    /**
     * Waits until every enabled Declarative Services component is satisfied.
     *
     * @param timeout how long to wait
     * @return the last snapshot seen (not all satisfied when the timeout passed)
     */
    public ComponentStatus.Snapshot awaitComponents(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ComponentStatus.Snapshot snapshot = null;
        while (System.nanoTime() < deadline && framework.getState() == Bundle.ACTIVE) {
            snapshot = ComponentStatus.read(framework.getBundleContext());
            if (snapshot != null && snapshot.allSatisfied()) {
                return snapshot;
            }
            Thread.sleep(5);
        }
        return snapshot == null ? new ComponentStatus.Snapshot(0, List.of("the SCR runtime is not running")) : snapshot;
    }

    /** Blocks until the framework stops (shell {@code stop 0}, or {@link #close()} from a signal). */
    public void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /**
     * Waits for a service of the running features.
     *
     * @param type    the service interface (shared with the bundles through the system bundle)
     * @param timeout how long to wait for it
     * @param <T>     the service type
     * @return the service
     * @throws RuntimeFailure if no such service appeared in time
     */
    <T> T service(Class<T> type, Duration timeout) {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(framework.getBundleContext(), type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(timeout.toMillis());
            if (service == null) {
                ComponentStatus.Snapshot components = ComponentStatus.read(framework.getBundleContext());
                throw new RuntimeFailure("no " + type.getSimpleName() + " service within " + timeout.toSeconds()
                        + " s" + (components == null ? "" : "; " + String.join("; ", components.unsatisfied())));
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted while waiting for " + type.getSimpleName(), e);
        }
    }

    /**
     * @param type a service interface
     * @param <T>  its type
     * @return the service if one is registered now
     */
    public <T> java.util.Optional<T> findService(Class<T> type) {
        BundleContext context = framework.getBundleContext();
        org.osgi.framework.ServiceReference<T> ref = context.getServiceReference(type);
        return ref == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(context.getService(ref));
    }

    /**
     * Offers a launcher object as a service to the bundles (e.g. a whiteboard listener).
     *
     * @param type    the api interface
     * @param service the implementation
     * @param <T>     the service type
     */
    public <T> void register(Class<T> type, T service) {
        framework.getBundleContext().registerService(type, service, null);
    }

    /**
     * Offers a launcher object that only its properties describe (e.g. Gogo commands, which are found
     * by their {@code osgi.command.*} properties and called by reflection).
     *
     * @param service    the object
     * @param properties its service properties
     */
    public void registerObject(Object service, Map<String, Object> properties) {
        framework.getBundleContext().registerService(Object.class.getName(), service,
                new java.util.Hashtable<>(properties));
    }

    /** Stops every bundle and the framework, and releases the cache. */
    @Override
    public void close() {
        stopFramework();
    }

    private void stopFramework() {
        try {
            if ((framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                framework.stop();
            }
            FrameworkEvent event = framework.waitForStop(STOP_TIMEOUT.toMillis());
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                LOG.warn("the runtime did not stop within {} ms", STOP_TIMEOUT.toMillis());
            }
        } catch (BundleException | InterruptedException e) {
            LOG.warn("error while stopping the runtime: {}", e.getMessage());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            cache.close();
        }
    }
}
