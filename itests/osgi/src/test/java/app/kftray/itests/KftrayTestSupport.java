package app.kftray.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import app.kftray.launcher.boot.FeatureCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.osgi.framework.Constants;

/**
 * Boots the bundles of a feature exactly as the distribution ships them (the launcher's
 * bundles/ and features/ directories), with FileInstall watching a fresh deploy directory.
 */
public abstract class KftrayTestSupport {
    /**
     * Test-kit packages the code inside the framework shares with JUnit outside it (one emulated
     * cluster, one set of fixtures): the system bundle exports them and every probe imports them.
     * Pax Exam may build one probe for several test classes, so every class offers the same set.
     */
    private static final String[] SHARED_PACKAGES = {
        "app.kftray.emulator", "app.kftray.itests.forward.fixture", "app.kftray.itests.relay.fixture"};

    /** Framework property naming the deploy directory FileInstall watches. */
    public static final String DEPLOY_DIR = "felix.fileinstall.dir";

    /**
     * @param feature feature to boot, e.g. {@code headless}
     * @return Pax Exam options for its bundles plus the test's own needs
     */
    protected static Option[] featureOptions(String feature) {
        Path dist = Path.of(required("kftray.dist"));
        Path work = Path.of(required("kftray.itest.work")).resolve(UUID.randomUUID().toString());
        List<Option> options = new ArrayList<>();
        for (String artifact : FeatureCatalog.load(dist.resolve("features")).bundlesOf(feature)) {
            options.add(bundleFile(dist, artifact));
        }
        options.add(bundleFile(dist, "org.apache.felix.fileinstall"));
        options.add(junitBundles());
        options.add(cleanCaches());
        options.add(workingDirectory(work.resolve("felix").toString()));
        // as the launcher does, plus the 1.7 API range Pax Exam's own bundles import
        options.add(systemPackages(SHARED_PACKAGES));
        options.add(systemPackages("org.slf4j;version=2.0.20", "org.slf4j.event;version=2.0.20",
                "org.slf4j.helpers;version=2.0.20", "org.slf4j.spi;version=2.0.20", "org.slf4j;version=1.7.36",
                "org.slf4j.helpers;version=1.7.36", "org.slf4j.spi;version=1.7.36"));
        options.add(frameworkProperty(DEPLOY_DIR).value(createDirectory(work.resolve("deploy")).toString()));
        options.add(frameworkProperty("felix.fileinstall.poll").value("200"));
        options.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
        options.add(systemProperty("kftray.home").value(createDirectory(work.resolve("home")).toString()));
        options.add(systemProperty("pax.exam.osgi.unresolved.fail").value("true"));
        options.add(frameworkProperty("felix.log.level").value(System.getProperty("kftray.itest.felix.log", "1")));
        return options.toArray(Option[]::new);
    }

    /**
     * The probe holds every test class, including the option code that reads feature
     * files through the launcher; inside the framework only these packages are needed.
     *
     * @param probe the probe under construction
     * @return the probe with its imports
     */
    @ProbeBuilder
    public TestProbeBuilder probeImports(TestProbeBuilder probe) {
        return probeImports(probe, new String[0]);
    }

    /**
     * The probe imports plus packages a test class shares with the code outside the framework
     * (exported by the system bundle); an import wins over the probe's own copy of a package.
     *
     * @param probe the probe under construction
     * @param extra further packages to import
     * @return the probe with its imports
     */
    protected static TestProbeBuilder probeImports(TestProbeBuilder probe, String... extra) {
        List<String> imports = new ArrayList<>(List.of(
                "app.kftray.api", "app.kftray.api.model", "javax.inject", "org.junit", "org.osgi.framework",
                "org.osgi.util.tracker",
                "org.osgi.service.component.runtime", "org.osgi.service.component.runtime.dto"));
        imports.addAll(List.of(SHARED_PACKAGES));
        imports.addAll(List.of(extra));
        probe.setHeader(Constants.IMPORT_PACKAGE, String.join(",", imports));
        probe.setHeader(Constants.DYNAMICIMPORT_PACKAGE, "*");
        return probe;
    }

    private static Option bundleFile(Path dist, String artifact) {
        Path file = dist.resolve("bundles").resolve(artifact + ".jar");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build the launcher distribution first");
        }
        return bundle(file.toUri().toString());
    }

    private static Path createDirectory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through Maven failsafe)");
        }
        return value;
    }
}
