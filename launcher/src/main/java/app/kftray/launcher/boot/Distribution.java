package app.kftray.launcher.boot;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the unpacked distribution: {@code -Dkftray.dist}, else the parent of the launcher jar's lib/. */
public final class Distribution {
    static final String PROPERTY = "kftray.dist";

    private Distribution() {
    }

    public static Path locate() {
        String configured = System.getProperty(PROPERTY);
        Path root = configured != null ? Path.of(configured) : fromCodeSource();
        if (!Files.isDirectory(root.resolve("bundles")) || !Files.isDirectory(root.resolve("features"))) {
            throw new LauncherException("no kftray distribution at " + root
                    + " (expected bundles/ and features/); build it with mvn package");
        }
        return root;
    }

    private static Path fromCodeSource() {
        try {
            Path jar = Path.of(Distribution.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent();
        } catch (URISyntaxException | NullPointerException e) {
            throw new LauncherException("cannot locate the kftray distribution; set -D" + PROPERTY, e);
        }
    }
}
