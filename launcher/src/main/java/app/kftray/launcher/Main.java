package app.kftray.launcher;

import app.kftray.api.ForwardManager;
import app.kftray.api.KftrayHome;
import app.kftray.api.model.ForwardStatus;
import app.kftray.launcher.boot.CommonPoolSize;
import app.kftray.launcher.boot.ComponentStatus;
import app.kftray.launcher.boot.DeployDirectory;
import app.kftray.launcher.boot.Distribution;
import app.kftray.launcher.boot.HomeDirectories;
import app.kftray.launcher.boot.KftrayRuntime;
import app.kftray.launcher.boot.LauncherException;
import app.kftray.launcher.boot.Logging;
import app.kftray.launcher.boot.MetricsOption;
import app.kftray.launcher.boot.RuntimeArchive;
import app.kftray.launcher.boot.RuntimeSettings;
import app.kftray.launcher.cli.ErrorText;
import app.kftray.launcher.cli.ExitCodes;
import app.kftray.launcher.cli.RootCommand;
import app.kftray.launcher.cli.RuntimeRole;
import app.kftray.launcher.cli.Subcommands;
import app.kftray.launcher.cli.TuiCommand;
import app.kftray.launcher.cli.VersionProvider;
import app.kftray.launcher.shell.ShellCommands;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code kftray} command: starts the OSGi runtime with a feature. */
@Command(name = "kftray", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Kubernetes port-forwarding manager.%n"
                + "Without a command it starts the desktop app when a display is available, otherwise the headless "
                + "runtime. Commands act on the shared database and on the running kftray process.",
        exitCodeListHeading = "%nExit codes (every command):%n",
        exitCodeList = {"0:success, or a clean stop", "1:runtime error (a forward failed, storage or cluster error)",
                "2:invalid input (unknown option or forward, bad value, missing or corrupt file)"})
public final class Main implements Callable<Integer>, RootCommand {

    @Option(names = "--headless", description = "Run without user interface (servers, CI).")
    boolean headless;

    @Option(names = "--feature", paramLabel = "NAME", description = "Start this feature instead of the default.")
    String feature;

    @Option(names = "--shell", description = "Open an interactive Gogo shell on this terminal.")
    boolean shell;

    @Option(names = "--deploy-dir", paramLabel = "DIR",
            description = "Directory watched for hot-installed bundles (default: <kftray home>/bundles).")
    Path deployDir;

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "error, warn, info, debug or trace (default: info for the runtime, warn for commands).")
    String logLevel;

    @Option(names = "--metrics", paramLabel = "HOST:PORT",
            description = "Serve Prometheus metrics, /healthz and /readyz on this address, e.g. 127.0.0.1:9464 "
                    + "(default: the metrics_address setting; none when unset).")
    String metrics;

    @Option(names = "--allow-remote",
            description = "Allow --metrics on an address other hosts can reach (not loopback).")
    boolean allowRemote;

    @Option(names = "--startup-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for every component to be satisfied (default: ${DEFAULT-VALUE}).")
    int startupTimeout;

    /** The runtime whose shell runs this command; {@code null} from a terminal. */
    private KftrayRuntime host;

    /**
     * @param args command line
     */
    public static void main(String[] args) {
        CommonPoolSize.atLeastTwoThreads();
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(null, args, out, err);
    }

    /**
     * @param host the running runtime a shell command acts on, or {@code null} to boot one per command
     * @param args command line
     * @param out  where answers go
     * @param err  where errors go
     * @return the exit code
     */
    static int run(KftrayRuntime host, String[] args, PrintWriter out, PrintWriter err) {
        Main main = new Main();
        main.host = host;
        CommandLine cli = new CommandLine(main);
        Subcommands.addTo(cli, args);
        cli.setOut(out).setErr(err);
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine command = e.getCommandLine();
            command.getErr().println("kftray: " + ErrorText.of(e) + " (see '" + command.getCommandSpec().qualifiedName()
                    + " --help')");
            command.getErr().flush();
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("kftray: " + ErrorText.of(e));
            command.getErr().flush();
            return ErrorText.isUserError(e) ? ExitCodes.USAGE : ExitCodes.RUNTIME;
        });
        return cli.execute(args);
    }

    @Override
    public KftrayRuntime host() {
        return host;
    }

    @Override
    public String logLevel() {
        return logLevel;
    }

    @Override
    public Integer call() throws Exception {
        if (TuiCommand.FEATURE.equals(feature)) {
            Logging.configureFile(logLevel == null ? "info" : logLevel, KftrayHome.current());
        } else {
            Logging.configure(logLevel == null ? "info" : logLevel);
        }
        return runRuntime();
    }

    @Override
    public int runFeature(String name) throws Exception {
        if (headless || feature != null) {
            throw new LauncherException("'kftray " + name + "' starts the " + name + " feature; leave out --headless"
                    + " and --feature");
        }
        feature = name;
        return runRuntime();
    }

    private int runRuntime() throws Exception {
        RuntimeSettings settings = settings();
        Logger log = LoggerFactory.getLogger(Main.class);
        long launched = System.nanoTime();
        KftrayRuntime runtime = KftrayRuntime.start(settings);
        ShellCommands.register(runtime, (line, out, err) -> run(runtime, line, out, err));
        AtomicReference<RuntimeRole> role = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            RuntimeRole taken = role.getAndSet(null);
            if (taken != null) {
                taken.close();
            }
            stop(runtime, log);
        }, "kftray-shutdown"));
        ComponentStatus.Snapshot components = runtime.awaitComponents(settings.componentTimeout());
        long sinceLaunch = Duration.ofNanos(System.nanoTime() - launched).toMillis();
        long sinceJvm = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        if (components.allSatisfied()) {
            log.info("kftray {} started ({}): {} of {} bundles active, {} components satisfied in {} ms ({} ms since JVM start)",
                    VersionProvider.version(), String.join("+", settings.features()), runtime.activeBundles(),
                    runtime.installedBundles(), components.satisfied(), sinceLaunch, sinceJvm);
        } else {
            log.error("components not satisfied after {} s: {}", startupTimeout, String.join("; ", components.unsatisfied()));
        }
        log.info("deploy directory: {}", settings.deployDirectory());
        try {
            role.set(RuntimeRole.take(runtime));
        } catch (RuntimeException e) {
            log.warn("this runtime does not report its forwards or take requests: {}", ErrorText.of(e));
        }
        RuntimeArchive.recordWhenSettled(() -> runtime.findService(ForwardManager.class)
                .map(m -> m.running().stream().noneMatch(s -> s.status() == ForwardStatus.STARTING)).orElse(true));
        runtime.awaitStop();
        return 0;
    }

    private static void stop(KftrayRuntime runtime, Logger log) {
        long begin = System.nanoTime();
        runtime.close();
        log.info("kftray stopped in {} ms", Duration.ofNanos(System.nanoTime() - begin).toMillis());
    }

    private RuntimeSettings settings() {
        if (headless && feature != null) {
            throw new LauncherException("--headless and --feature conflict; use --feature headless");
        }
        if (startupTimeout < 1) {
            throw new LauncherException("--startup-timeout must be at least 1 second");
        }
        Map<String, String> properties = MetricsOption.properties(metrics, allowRemote);
        Path distribution = Distribution.locate();
        KftrayHome home = HomeDirectories.prepare();
        List<String> features = new ArrayList<>();
        features.add(feature != null ? feature : defaultFeature(distribution));
        if (shell) {
            features.add("shell");
        }
        return new RuntimeSettings(distribution, home, DeployDirectory.prepare(deployDir, home), features,
                Duration.ofSeconds(startupTimeout), true, true, properties);
    }

    private String defaultFeature(Path distribution) {
        boolean desktopAvailable = Files.isRegularFile(distribution.resolve("features/desktop.feature"));
        boolean display = System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
        return !headless && desktopAvailable && display ? "desktop" : "headless";
    }
}
