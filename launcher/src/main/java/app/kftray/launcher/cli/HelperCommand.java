package app.kftray.launcher.cli;

import app.kftray.api.HostsHelper;
import app.kftray.launcher.boot.Distribution;
import app.kftray.launcher.boot.LauncherException;
import app.kftray.launcher.boot.OneShotRuntime;
import app.kftray.launcher.helper.HelperFiles;
import app.kftray.launcher.helper.HelperInstallation;
import app.kftray.launcher.helper.SystemCommands;
import app.kftray.launcher.helper.Users;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kftray helper install|uninstall|status}: the privileged helper that writes hosts-file
 * aliases and hands out loopback addresses for {@code domain_enabled} and
 * {@code auto_loopback_address} forwards.
 */
@Command(name = "helper", mixinStandardHelpOptions = true,
        description = {"Install, remove or check the privileged helper (hosts-file aliases, loopback addresses).",
            "install and uninstall run as root: sudo kftray helper install. With --root they only write"
                + " (or remove) the files below DIR, for packages and tests."})
final class HelperCommand extends OneShotCommand {
    enum Action { install, uninstall, status }

    @Parameters(paramLabel = "ACTION", description = "install, uninstall or status")
    Action action;

    @Option(names = "--root", paramLabel = "DIR", description = "Install into (or remove from) DIR instead of /, and start or stop nothing.")
    Path root;

    @Option(names = "--for-uid", paramLabel = "UID", description = "The user the helper serves (default: the user who ran sudo).")
    Integer forUid;

    @Override
    int execute() {
        return switch (action) {
            case install -> install();
            case uninstall -> uninstall();
            case status -> status();
        };
    }

    private HelperFiles files() {
        HelperFiles files = new HelperFiles(root == null ? Path.of("/") : root);
        if (files.isSystem() && Users.currentUid() != 0) {
            throw new LauncherException("kftray helper " + action + " changes the system and needs root: run 'sudo kftray helper "
                    + action + "'");
        }
        return files;
    }

    private int install() {
        HelperFiles files = files();
        Path java = thisJava();
        int uid = Users.invokingUid(forUid, System.getenv());
        if (files.isSystem()) {
            Users.requireRootOwned(java);
        }
        new HelperInstallation(files).install(Distribution.locate().resolve("helper").resolve("kftray-helper.jar"), java, uid)
                .forEach(out()::println);
        if (files.isSystem() && SystemCommands.hasSystemd()) {
            SystemCommands.systemctl("daemon-reload");
            SystemCommands.systemctl("enable", "--now", HelperFiles.SERVICE);
            // a second user joins a running helper: it reads its configuration at start
            SystemCommands.systemctl("restart", HelperFiles.SERVICE);
            out().println("started " + HelperFiles.SERVICE + ".service; check it with 'kftray helper status'");
        } else {
            out().println("not started: " + (files.isSystem() ? "no systemd on this machine; run " + java + " -jar "
                    + HelperFiles.JAR + " --config " + HelperFiles.CONFIG + " as root" : "files written below " + root));
        }
        return 0;
    }

    /** The Java running this command: the helper's unit runs the same one. */
    private static Path thisJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private int uninstall() {
        HelperFiles files = files();
        HelperInstallation installation = new HelperInstallation(files);
        if (files.isSystem()) {
            if (SystemCommands.hasSystemd()) {
                SystemCommands.systemctl("disable", "--now", HelperFiles.SERVICE);
            }
            if (installation.isInstalled()) {
                out().println(SystemCommands.clearHelper(thisJava()));
            }
        }
        var removed = installation.uninstall();
        removed.forEach(out()::println);
        if (files.isSystem() && SystemCommands.hasSystemd()) {
            SystemCommands.systemctl("daemon-reload");
        }
        out().println(removed.isEmpty() ? "the helper was not installed" : "the helper is removed");
        return 0;
    }

    private int status() {
        try (OneShotRuntime runtime = runtime(OneShotRuntime.TOOLS)) {
            HostsHelper helper = runtime.service(HostsHelper.class);
            out().println("helper: " + helper.describe());
            return helper.available() ? 0 : ExitCodes.RUNTIME;
        }
    }
}
