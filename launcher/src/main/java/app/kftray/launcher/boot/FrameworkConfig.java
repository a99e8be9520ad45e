package app.kftray.launcher.boot;

import app.kftray.api.KftrayHome;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Framework properties of the embedded Felix: cache, shared packages, logging, deploy dir. */
final class FrameworkConfig {
    /** Packages the launcher's class path lends to bundles: logging is configured once, here. */
    static final String SYSTEM_PACKAGES_EXTRA = String.join(",",
            "org.slf4j;version=2.0.20",
            "org.slf4j.event;version=2.0.20",
            "org.slf4j.helpers;version=2.0.20",
            "org.slf4j.spi;version=2.0.20");

    private FrameworkConfig() {
    }

    /** File names the deploy directory watcher acts on. */
    static final String DEPLOYABLE = ".*\\.jar|app\\.kftray\\..*\\.cfg";

    static Map<String, Object> of(RuntimeSettings settings, Path cache) {
        Map<String, Object> config = new HashMap<>();
        config.put("org.osgi.framework.storage", cache.toString());
        config.put("org.osgi.framework.storage.clean", "onFirstInit");
        config.put("org.osgi.framework.system.packages.extra", SYSTEM_PACKAGES_EXTRA);
        config.put("felix.log.logger", new FelixLogBridge());
        config.put("felix.log.level", "2");
        config.put("ds.loglevel", "warn");
        config.put(KftrayHome.PROPERTY, settings.home().directory().toString());
        config.put("felix.fileinstall.dir", settings.deployDirectory().toString());
        config.put("felix.fileinstall.poll", "500");
        config.put("felix.fileinstall.noInitialDelay", "true");
        config.put("felix.fileinstall.bundles.new.start", "true");
        config.put("felix.fileinstall.log.level", "2");
        // bundle jars, and configuration of kftray's own components; nothing else in the directory is installed
        config.put("felix.fileinstall.filter", DEPLOYABLE);
        config.put("gosh.args", "--nointeractive");
        config.putAll(settings.properties());
        return config;
    }
}
