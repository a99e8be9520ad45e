package app.kftray.launcher.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Bundles that the distribution also puts on the launcher's class path ({@code lib/} and
 * {@code bundles/} both hold {@code <name>.jar}): the api and the libraries its types name.
 * The system bundle exports their packages, taken verbatim from their manifests, and the
 * runtime does not install them again, so the launcher's commands and the bundles share one
 * copy of every api class.
 */
final class SharedLibraries {
    private final Map<String, String> exportsByArtifact;

    private SharedLibraries(Map<String, String> exportsByArtifact) {
        this.exportsByArtifact = exportsByArtifact;
    }

    /** @return no shared libraries (a distribution without lib/, as in unit tests) */
    static SharedLibraries none() {
        return new SharedLibraries(Map.of());
    }

    /**
     * @param distribution the unpacked distribution
     * @return the jars present in both lib/ and bundles/ that export packages
     */
    static SharedLibraries of(Path distribution) {
        Path lib = distribution.resolve("lib");
        Path bundles = distribution.resolve("bundles");
        if (!Files.isDirectory(lib)) {
            return none();
        }
        Map<String, String> exports = new TreeMap<>();
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path jar : (Iterable<Path>) jars.filter(j -> j.toString().endsWith(".jar")).sorted()::iterator) {
                String file = jar.getFileName().toString();
                String exported = Files.isRegularFile(bundles.resolve(file)) ? exportPackage(jar) : null;
                if (exported != null) {
                    exports.put(file.substring(0, file.length() - ".jar".length()), exported);
                }
            }
        } catch (IOException e) {
            throw new LauncherException("cannot read " + lib + ": " + e.getMessage(), e);
        }
        return new SharedLibraries(exports);
    }

    private static String exportPackage(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest == null ? null : manifest.getMainAttributes().getValue("Export-Package");
        }
    }

    /**
     * @param artifact a bundle's artifact id as features name it
     * @return whether the class path already provides it
     */
    boolean provides(String artifact) {
        return exportsByArtifact.containsKey(artifact);
    }

    /** @return Export-Package clauses for the system bundle, empty when nothing is shared */
    List<String> exports() {
        return new ArrayList<>(exportsByArtifact.values());
    }
}
