package app.kftray.itests.desktop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The launcher's distribution plus the desktop UI's automation fragment, which no feature of
 * the product includes: the feature {@value #FEATURE} is the {@code desktop} feature with the
 * fragment. It is a copy (the start script finds its distribution from its own real path).
 */
final class AutomationDistribution {
    static final String FEATURE = "desktop-automation";
    private static final String FRAGMENT = "app.kftray.ui.swt.automation";

    private AutomationDistribution() {
    }

    /**
     * @param directory where to lay the distribution out (created)
     * @return its root
     */
    static Path create(Path directory) throws IOException {
        Path built = Path.of(System.getProperty("kftray.dist"));
        for (String part : List.of("bin", "lib", "bundles", "features")) {
            copyEach(built.resolve(part), Files.createDirectories(directory.resolve(part)));
        }
        Files.copy(Path.of(System.getProperty("kftray.ui.automation.jar")),
                directory.resolve("bundles").resolve(FRAGMENT + ".jar"));
        Files.writeString(directory.resolve("features").resolve(FEATURE + ".feature"), String.join("\n",
                "name = " + FEATURE,
                "description = kftray with the system-tray app and its UI automation hook (tests only)",
                "include = desktop",
                "bundle = " + FRAGMENT,
                ""));
        return directory;
    }

    private static void copyEach(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
