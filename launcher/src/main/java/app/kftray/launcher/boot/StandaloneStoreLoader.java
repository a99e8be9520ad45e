package app.kftray.launcher.boot;

import app.kftray.api.StandaloneStores;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Opens the stores of the distribution's storage bundle without booting a framework: the bundle's
 * jar gets a class loader of its own, below the launcher's (which holds the api and the libraries
 * the bundle imports), and {@link ServiceLoader} finds its {@link StandaloneStores.Factory}. The
 * launcher names no class of the bundle. Booting no framework saves a command that only touches
 * the database about a quarter of a second.
 */
final class StandaloneStoreLoader {
    static final String STORAGE_BUNDLE = "app.kftray.storage.jar";

    private StandaloneStoreLoader() {
    }

    /**
     * @param distribution the unpacked distribution
     * @return the factory of its storage bundle, or empty when the distribution has none that offers one
     */
    static Optional<StandaloneStores.Factory> factory(Path distribution) {
        Path jar = distribution.resolve("bundles").resolve(STORAGE_BUNDLE);
        if (!Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        try {
            // never closed: the driver's native library stays bound to this loader for the process's life
            ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                    StandaloneStoreLoader.class.getClassLoader());
            return ServiceLoader.load(StandaloneStores.Factory.class, loader).findFirst();
        } catch (MalformedURLException e) {
            throw new LauncherException("cannot load " + jar + ": " + e.getMessage(), e);
        }
    }
}
