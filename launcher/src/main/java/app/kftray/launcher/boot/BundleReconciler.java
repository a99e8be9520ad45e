package app.kftray.launcher.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the bundles of a (possibly reused) framework cache in line with the files a feature
 * names: installs missing ones, updates those whose file changed (size or modification time),
 * uninstalls bundles no feature names any more. Bundles from the deploy directory are left to
 * the deploy watcher.
 */
final class BundleReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(BundleReconciler.class);
    private static final String STAMPS = "kftray-bundles.properties";

    private final BundleContext context;
    private final Path stampFile;
    private final String deployPrefix;

    /**
     * @param context         the framework's context, after init and before start
     * @param cache           the framework cache directory (the stamps live there)
     * @param deployDirectory the watched deploy directory
     */
    BundleReconciler(BundleContext context, Path cache, Path deployDirectory) {
        this.context = context;
        this.stampFile = cache.resolve(STAMPS);
        this.deployPrefix = deployDirectory.toUri().toString();
    }

    /**
     * @param files the bundles to have, in start order
     * @return the bundles, in the order of {@code files}
     */
    List<Bundle> reconcile(List<Path> files) throws BundleException {
        Properties stamps = readStamps();
        Map<String, Bundle> installed = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() != 0) {
                installed.put(bundle.getLocation(), bundle);
            }
        }
        List<Bundle> result = new ArrayList<>();
        int added = 0;
        int updated = 0;
        for (Path file : files) {
            String location = file.toUri().toString();
            String stamp = stamp(file);
            Bundle bundle = installed.remove(location);
            if (bundle == null) {
                bundle = context.installBundle(location);
                added++;
            } else if (!stamp.equals(stamps.getProperty(location))) {
                bundle.update();
                updated++;
            }
            stamps.setProperty(location, stamp);
            result.add(bundle);
        }
        int removed = 0;
        for (Bundle extra : installed.values()) {
            if (!extra.getLocation().startsWith(deployPrefix)) {
                stamps.remove(extra.getLocation());
                extra.uninstall();
                removed++;
            }
        }
        if (added + updated + removed > 0) {
            writeStamps(stamps);
        }
        LOG.debug("bundles: {} installed, {} updated, {} uninstalled, {} reused", added, updated, removed,
                files.size() - added - updated);
        return result;
    }

    private static String stamp(Path file) {
        try {
            return Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new LauncherException("cannot read bundle " + file + ": " + e.getMessage(), e);
        }
    }

    private Properties readStamps() {
        Properties stamps = new Properties();
        if (Files.isRegularFile(stampFile)) {
            try (InputStream in = Files.newInputStream(stampFile)) {
                stamps.load(in);
            } catch (IOException e) {
                LOG.debug("bundle stamps unreadable, every bundle is updated: {}", e.getMessage());
            }
        }
        return stamps;
    }

    private void writeStamps(Properties stamps) {
        try (OutputStream out = Files.newOutputStream(stampFile)) {
            stamps.store(out, "size:lastModified of each bundle file when it was installed");
        } catch (IOException e) {
            LOG.debug("bundle stamps not written: {}", e.getMessage());
        }
    }
}
