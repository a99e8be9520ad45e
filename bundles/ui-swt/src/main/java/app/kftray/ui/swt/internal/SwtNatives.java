package app.kftray.ui.swt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes SWT's native libraries loadable under Felix. The platform fragment carries them at
 * its root without a {@code Bundle-NativeCode} header (Equinox finds them anyway, Felix does
 * not), so they are copied once per SWT version into a directory that SWT's own
 * {@code swt.library.path} setting then points at.
 */
final class SwtNatives {
    static final String LIBRARY_PATH = "swt.library.path";
    private static final Logger LOG = LoggerFactory.getLogger(SwtNatives.class);

    private SwtNatives() {
    }

    /**
     * @param context this bundle's context
     * @param cache   directory for the copies, e.g. below the kftray home
     */
    static void prepare(BundleContext context, Path cache) {
        Optional<Bundle> fragment = platformFragment(context);
        if (fragment.isEmpty()) {
            LOG.warn("no SWT platform fragment installed; the desktop UI will not find its native libraries");
            return;
        }
        String configured = System.getProperty(LIBRARY_PATH);
        Path directory = configured != null && !configured.isBlank() ? Path.of(configured)
                : cache.resolve(fragment.get().getVersion().toString());
        try {
            copyLibraries(fragment.get(), directory);
        } catch (IOException e) {
            LOG.warn("cannot copy SWT's native libraries to {}: {}", directory, e.toString());
            return;
        }
        if (configured == null || configured.isBlank()) {
            System.setProperty(LIBRARY_PATH, directory.toString());
        }
    }

    private static Optional<Bundle> platformFragment(BundleContext context) {
        for (Bundle bundle : context.getBundles()) {
            String host = bundle.getHeaders("").get(Constants.FRAGMENT_HOST);
            if (host != null && host.startsWith("org.eclipse.swt") && bundle.getSymbolicName() != null
                    && bundle.getSymbolicName().startsWith("org.eclipse.swt.")) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }

    private static void copyLibraries(Bundle fragment, Path directory) throws IOException {
        Files.createDirectories(directory);
        for (String pattern : new String[] {"*.so", "*.dll", "*.jnilib", "*.dylib"}) {
            for (URL entry : Collections.list(Optional.ofNullable(fragment.findEntries("/", pattern, false))
                    .orElse(Collections.emptyEnumeration()))) {
                String path = entry.getPath();
                Path target = directory.resolve(path.substring(path.lastIndexOf('/') + 1));
                if (Files.exists(target)) {
                    continue;
                }
                // copy then rename, so a concurrent process never loads a half-written library
                Path partial = Files.createTempFile(directory, "swt", ".part");
                try (InputStream in = entry.openStream()) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }
}
