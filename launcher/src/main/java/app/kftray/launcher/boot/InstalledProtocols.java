package app.kftray.launcher.boot;

import app.kftray.api.ProtocolHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

/**
 * The protocols the bundles of the distribution and of the deploy directory provide, read from their
 * component descriptions without starting a framework, so a command can tell a user that a forward's
 * protocol has no handler installed.
 */
public final class InstalledProtocols {
    private static final Pattern PROTOCOL_PROPERTY = Pattern.compile(
            "<property\\s+name=\"" + Pattern.quote(ProtocolHandler.PROTOCOL) + "\"[^>]*\\bvalue=\"([^\"]+)\"");

    private InstalledProtocols() {
    }

    /**
     * @param bundleDirectories directories of bundle jars (missing ones are skipped)
     * @return the protocol names their components register handlers for
     */
    public static Set<String> in(Path... bundleDirectories) {
        Set<String> protocols = new TreeSet<>();
        for (Path dir : bundleDirectories) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.jar")) {
                jars.forEach(jar -> read(jar, protocols));
            } catch (IOException unreadable) {
                // a directory that cannot be listed provides nothing
            }
        }
        return protocols;
    }

    private static void read(Path jar, Set<String> into) {
        try (JarFile file = new JarFile(jar.toFile())) {
            var manifest = file.getManifest();
            String components = manifest == null ? null : manifest.getMainAttributes().getValue("Service-Component");
            if (components == null) {
                return;
            }
            for (String name : components.split(",")) {
                ZipEntry entry = file.getEntry(name.trim());
                if (entry == null) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    Matcher protocol = PROTOCOL_PROPERTY.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    while (protocol.find()) {
                        into.add(protocol.group(1));
                    }
                }
            }
        } catch (IOException notABundle) {
            // FileInstall would not start it either
        }
    }
}
