package app.kftray.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.KftrayHome;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Runs the built storage bundle in Felix with SCR, the api bundle (and the Netty bundles it
 * needs) and Jackson only (slf4j from the system bundle, as the launcher does): it must resolve, register both stores and
 * load SQLite's native library through its own class loader.
 */
class StorageBundleIT {
    private static final String[] BUNDLES = {"jackson-annotations", "jackson-core", "jackson-databind",
        "netty-common", "netty-buffer", "netty-resolver", "netty-transport", "org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component", "org.apache.felix.scr",
        "app.kftray.api"};
    private static final String SLF4J = "2.0.20";

    @TempDir
    Path dir;
    private Framework framework;

    @AfterEach
    void stop() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
        System.clearProperty(KftrayHome.PROPERTY);
    }

    @Test
    void resolvesRegistersTheStoresAndLoadsSqliteInsideFelix() throws Exception {
        Path home = dir.resolve("home");
        System.setProperty(KftrayHome.PROPERTY, home.toString());
        List<FrameworkEvent> errors = new CopyOnWriteArrayList<>();
        framework = startFramework(errors);
        List<Bundle> installed = new ArrayList<>();
        for (String name : BUNDLES) {
            installed.add(install(classpathEntry(name)));
        }
        Bundle storage = install(Path.of(System.getProperty("storage.bundle")));
        installed.add(storage);
        for (Bundle bundle : installed) {
            bundle.start();
        }
        assertEquals(Bundle.ACTIVE, storage.getState());
        assertImportsOnlyAllowedPackages(storage);

        Object configStore = service(storage, "app.kftray.api.ConfigStore");
        call(configStore, "putSetting", "theme", "dark");
        assertEquals(Optional.of("dark"), call(configStore, "setting", "theme"));
        assertEquals(List.of(), call(configStore, "list"));
        Object stateStore = service(storage, "app.kftray.api.StateStore");
        assertTrue(call(stateStore, "self").toString().startsWith(ProcessHandle.current().pid() + "@"));

        ClassLoader bundleLoader = storage.adapt(BundleWiring.class).getClassLoader();
        assertSame(bundleLoader, storage.loadClass("org.sqlite.core.NativeDB").getClassLoader(),
                "the embedded driver, not one from the class path, serves the bundle");
        assertEquals("rw-------", DatabaseTest.mode(KftrayHome.of(home).database()));
        assertEquals(List.of(), errors, "framework errors");
    }

    private Framework startFramework(List<FrameworkEvent> errors) throws Exception {
        Map<String, String> configuration = new HashMap<>();
        configuration.put(Constants.FRAMEWORK_STORAGE, dir.resolve("felix-cache").toString());
        configuration.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        configuration.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, String.join(",",
                "org.slf4j;version=" + SLF4J, "org.slf4j.event;version=" + SLF4J,
                "org.slf4j.helpers;version=" + SLF4J, "org.slf4j.spi;version=" + SLF4J));
        Framework started = new FrameworkFactory().newFramework(configuration);
        started.init();
        started.getBundleContext().addFrameworkListener(event -> {
            if (event.getType() == FrameworkEvent.ERROR) {
                errors.add(event);
            }
        });
        started.start();
        return started;
    }

    private Bundle install(Path jar) throws Exception {
        return framework.getBundleContext().installBundle(jar.toUri().toString());
    }

    private Object service(Bundle storage, String type) throws Exception {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(framework.getBundleContext(),
                framework.getBundleContext().createFilter("(objectClass=" + type + ")"), null);
        tracker.open(true);
        Object service = tracker.waitForService(10_000);
        assertNotNull(service, type + " was not registered");
        assertEquals(storage, tracker.getServiceReference().getBundle());
        return service;
    }

    private static Object call(Object target, String method, Object... arguments) throws Exception {
        for (Method candidate : target.getClass().getMethods()) {
            if (candidate.getName().equals(method) && candidate.getParameterCount() == arguments.length) {
                return candidate.invoke(target, arguments);
            }
        }
        throw new NoSuchMethodException(method);
    }

    private static void assertImportsOnlyAllowedPackages(Bundle storage) {
        String imports = storage.getHeaders().get(Constants.IMPORT_PACKAGE);
        for (String clause : imports.split(",(?=[a-z])")) {
            String name = clause.split(";")[0].trim();
            assertTrue(name.startsWith("java.") || name.equals("javax.sql") || name.startsWith("org.slf4j")
                    || name.startsWith("com.fasterxml.jackson.") || name.startsWith("app.kftray.api")
                    || name.startsWith("org.osgi."), "unexpected import " + name);
        }
    }

    private static Path classpathEntry(String artifact) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            String name = path.getFileName().toString();
            if (name.startsWith(artifact + "-") && name.endsWith(".jar") && Files.isRegularFile(path)) {
                return path;
            }
        }
        throw new IllegalStateException(artifact + " is not on the test class path");
    }
}
