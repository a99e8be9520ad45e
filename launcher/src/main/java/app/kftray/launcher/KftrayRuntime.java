package app.kftray.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Felix framework running one or more features, plus FileInstall on the
 * deploy directory. A bundle that fails to start is reported and skipped; the runtime
 * keeps going.
 */
final class KftrayRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KftrayRuntime.class);
    private static final String DEPLOY_WATCHER = "org.apache.felix.fileinstall";
    private static final Duration STOP_TIMEOUT = Duration.ofMillis(1500);

    private final Felix framework;
    private final Path cache;
    private final List<String> failures = new ArrayList<>();

    private KftrayRuntime(Felix framework, Path cache) {
        this.framework = framework;
        this.cache = cache;
    }

    /**
     * Starts the framework and every bundle of the features.
     *
     * @param settings what to start
     * @return the running runtime
     */
    static KftrayRuntime start(RuntimeSettings settings) {
        List<Path> bundleFiles = bundleFiles(settings);
        Path cache = createCache();
        Map<String, Object> config = FrameworkConfig.of(settings, cache);
        if (settings.features().contains("shell")) {
            config.put("gosh.args", "");
        }
        Felix felix = new Felix(config);
        KftrayRuntime runtime = new KftrayRuntime(felix, cache);
        try {
            felix.init();
            felix.start();
            runtime.installAndStart(bundleFiles);
        } catch (BundleException | RuntimeException e) {
            runtime.close();
            throw new LauncherException("the OSGi framework failed to start: " + e.getMessage(), e);
        }
        return runtime;
    }

    private static List<Path> bundleFiles(RuntimeSettings settings) {
        FeatureCatalog catalog = FeatureCatalog.load(settings.featuresDirectory());
        Set<String> artifacts = new LinkedHashSet<>();
        for (String feature : settings.features()) {
            artifacts.addAll(catalog.bundlesOf(feature));
        }
        artifacts.add(DEPLOY_WATCHER);
        List<Path> files = new ArrayList<>();
        for (String artifact : artifacts) {
            Path file = settings.bundlesDirectory().resolve(artifact + ".jar");
            if (!Files.isRegularFile(file)) {
                throw new LauncherException("bundle '" + artifact + "' is named by a feature but " + file
                        + " is missing; rebuild the distribution");
            }
            files.add(file);
        }
        return files;
    }

    private static Path createCache() {
        try {
            return Files.createTempDirectory("kftray-felix-");
        } catch (IOException e) {
            throw new LauncherException("cannot create the framework cache directory: " + e.getMessage(), e);
        }
    }

    private void installAndStart(List<Path> files) throws BundleException {
        BundleContext context = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        long begin = System.nanoTime();
        for (Path file : files) {
            installed.add(context.installBundle(file.toUri().toString()));
        }
        LOG.debug("installed {} bundles in {} ms", installed.size(), (System.nanoTime() - begin) / 1_000_000);
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
        LOG.debug("started bundles after {} ms", (System.nanoTime() - begin) / 1_000_000);
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
    long activeBundles() {
        return Stream.of(framework.getBundleContext().getBundles())
                .filter(b -> b.getState() == Bundle.ACTIVE
                        || b.getState() == Bundle.RESOLVED && b.getHeaders().get(Constants.FRAGMENT_HOST) != null)
                .count();
    }

    /** @return the number of installed bundles, the system bundle included */
    int installedBundles() {
        return framework.getBundleContext().getBundles().length;
    }

    /**
     * Waits until every enabled Declarative Services component is satisfied.
     *
     * @param timeout how long to wait
     * @return the last snapshot seen (not all satisfied when the timeout passed)
     */
    ComponentStatus.Snapshot awaitComponents(Duration timeout) throws InterruptedException {
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
    void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /** Stops every bundle and the framework, and removes the cache. */
    @Override
    public void close() {
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
            deleteCache();
        }
    }

    private void deleteCache() {
        try (Stream<Path> paths = Files.walk(cache)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("cache {} not removed: {}", cache, e.getMessage());
        }
    }
}
