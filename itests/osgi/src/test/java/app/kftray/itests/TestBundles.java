package app.kftray.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes small bundle jars for hot-deploy tests. */
final class TestBundles {
    private TestBundles() {
    }

    /**
     * @param target      jar file to write
     * @param symbolicName bundle symbolic name
     * @param activator   activator class, copied into the jar
     * @param imports     Import-Package header
     */
    static void write(Path target, String symbolicName, Class<?> activator, String imports) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", activator.getName());
        main.putValue("Import-Package", imports);
        String entry = activator.getName().replace('.', '/') + ".class";
        Path temp = Files.createTempFile(target.getParent(), "bundle", ".tmp");
        try (OutputStream file = Files.newOutputStream(temp);
             JarOutputStream jar = new JarOutputStream(file, manifest);
             InputStream classBytes = activator.getClassLoader().getResourceAsStream(entry)) {
            jar.putNextEntry(new JarEntry(entry));
            classBytes.transferTo(jar);
            jar.closeEntry();
        }
        // appear complete in one step, as a copy into the deploy directory would after it finished
        Files.move(temp, target);
    }
}
