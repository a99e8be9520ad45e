package app.kftray.launcher.boot;

import java.util.Locale;
import java.util.Set;

/** Configures the SLF4J simple backend before the first logger is created. */
public final class Logging {
    static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");
    /** SLF4J's system property naming the provider to use instead of searching the class path. */
    static final String PROVIDER_PROPERTY = "slf4j.provider";

    private Logging() {
    }

    public static void configure(String level) {
        configure(level, "System.out");
    }

    /**
     * @param level  error, warn, info, debug or trace
     * @param target {@code System.out} (runtime logs), {@code System.err} (one-shot commands) or a
     *               file (a runtime whose terminal belongs to the terminal UI)
     */
    public static void configure(String level, String target) {
        String normalized = level.toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(normalized)) {
            throw new LauncherException("unknown log level '" + level + "'; use one of error, warn, info, debug, trace");
        }
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", normalized);
        setDefault("org.slf4j.simpleLogger.logFile", target);
        // a runtime's log is read later and needs times; a command's warnings are read as they appear,
        // and the date format's locale data would cost a short command tens of milliseconds
        boolean runtimeLog = !"System.err".equals(target);
        setDefault("org.slf4j.simpleLogger.showDateTime", Boolean.toString(runtimeLog));
        if (runtimeLog) {
            setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        }
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        // every logger masks credentials, whatever the level (fabric8 logs request headers at trace)
        System.setProperty(PROVIDER_PROPERTY, MaskingLoggingProvider.class.getName());
        // naming the provider makes SLF4J say so on stderr at its default verbosity
        setDefault("slf4j.internal.verbosity", "WARN");
    }

    /**
     * The log of a runtime that shows the terminal UI: the terminal is the UI's, so the log goes to a
     * file of the kftray home.
     *
     * @param level error, warn, info, debug or trace
     * @param home  the kftray home
     * @return the log file
     */
    public static java.nio.file.Path configureFile(String level, app.kftray.api.KftrayHome home) {
        java.nio.file.Path file = HomeDirectories.create(home.directory().resolve("logs")).resolve("kftray-tui.log");
        configure(level, file.toString());
        return file;
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
