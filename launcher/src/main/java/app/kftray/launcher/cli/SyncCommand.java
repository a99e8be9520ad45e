package app.kftray.launcher.cli;

import app.kftray.api.ConfigSync;
import app.kftray.api.ConfigSync.Settings;
import app.kftray.api.ConfigSync.Status;
import app.kftray.launcher.boot.LauncherException;
import app.kftray.launcher.boot.OneShotRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kftray sync set|now|status|off}: keep the saved forwards in step with a configs.json in Git. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Sync forwards from a kftray configs.json in a Git repository.",
            "set: save where and how (a running headless or desktop kftray then syncs at the interval);"
                + " now: sync once; status: what was applied and the last error; off: stop and delete the token.",
            "TLS certificates are always verified. A token is kept in the OS keyring (Secret Service, Keychain,"
                + " Credential Manager), never in the database."})
final class SyncCommand extends OneShotCommand {
    enum Action { set, now, status, off }

    @Parameters(paramLabel = "ACTION", description = "set, now, status or off")
    Action action;

    @Option(names = "--url", paramLabel = "URL", description = "Repository: https://, git://, or a path (set).")
    String url;

    @Option(names = "--path", paramLabel = "FILE", description = "The configs.json inside the repository (set).")
    String path;

    @Option(names = "--branch", paramLabel = "NAME", description = "Branch (default: the repository's default branch).")
    String branch;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "10m",
            description = "How often a running kftray syncs: 30s, 10m, 1h (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--flush", description = "Replace the saved forwards with the file instead of merging into them.")
    boolean flush;

    @Option(names = "--token-stdin", description = "Read an access token from standard input (HTTPS); it goes to the OS keyring.")
    boolean tokenStdin;

    @Option(names = "--user", paramLabel = "NAME", description = "HTTPS user name sent with the token (default: x-access-token).")
    String user;

    @Option(names = "--credential-helper", description = "Ask git's credential helper (git credential fill) instead of a token.")
    boolean credentialHelper;

    @Option(names = "--ssh-key", paramLabel = "FILE", description = "SSH private key (default: the SSH agent, then ~/.ssh keys).")
    Path sshKey;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "SSH known_hosts to check the server's key against (default: ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "Also trust these certificate authorities (PEM bundle).")
    Path caFile;

    @Option(names = "--token-file", description = "Where no keyring is available, keep the token in an owner-only"
            + " (0600) file in the kftray home instead of refusing.")
    boolean tokenFile;

    @Option(names = "--force", description = "now: apply the file even if its commit was applied before.")
    boolean force;

    /** Options that only {@code set} reads. */
    private static final List<String> SET_OPTIONS = List.of("--url", "--path", "--branch", "--interval", "--flush",
            "--token-stdin", "--user", "--credential-helper", "--ssh-key", "--known-hosts", "--ca-file", "--token-file");

    @Override
    int execute() throws IOException {
        ParseResult parsed = spec.commandLine().getParseResult();
        for (String option : SET_OPTIONS) {
            if (action != Action.set && parsed.hasMatchedOption(option)) {
                throw new LauncherException(option + " applies to 'kftray sync set' only");
            }
        }
        if (action != Action.now && force) {
            throw new LauncherException("--force applies to 'kftray sync now' only");
        }
        Settings wanted = action == Action.set ? wanted() : null;
        String token = action == Action.set && tokenStdin ? readToken(System.in) : null;
        try (OneShotRuntime runtime = runtime(OneShotRuntime.SYNC)) {
            ConfigSync sync = runtime.service(ConfigSync.class);
            return switch (action) {
                case set -> set(sync, wanted, token);
                case now -> now(sync);
                case status -> {
                    print(sync.status());
                    yield 0;
                }
                case off -> {
                    sync.disable();
                    out().println("sync off; its token was deleted");
                    yield 0;
                }
            };
        }
    }

    /** The settings the options of {@code set} ask for, checked before anything boots. */
    private Settings wanted() {
        if (tokenStdin && credentialHelper) {
            throw new LauncherException("--token-stdin and --credential-helper conflict; choose one");
        }
        ConfigSync.Auth auth = tokenStdin ? ConfigSync.Auth.TOKEN
                : credentialHelper ? ConfigSync.Auth.CREDENTIAL_HELPER
                : sshKey != null ? ConfigSync.Auth.SSH_KEY : ConfigSync.Auth.NONE;
        return new Settings(url, path, branch, Durations.parse("--interval", interval), flush, auth, user,
                absolute(sshKey), absolute(knownHosts), absolute(caFile), tokenFile);
    }

    private int set(ConfigSync sync, Settings wanted, String token) {
        Settings saved;
        try {
            saved = sync.configure(wanted, token);
        } catch (IllegalArgumentException e) {
            throw new LauncherException(e.getMessage());
        }
        out().printf("sync set: %s %s (branch %s) every %s%s%n", saved.url(), saved.path(),
                saved.branch() == null ? "default" : saved.branch(), Durations.format(saved.interval()),
                saved.flush() ? ", replacing the saved forwards" : "");
        return 0;
    }

    private static String absolute(Path file) {
        return file == null ? null : file.toAbsolutePath().toString();
    }

    private int now(ConfigSync sync) {
        Status status = sync.syncNow(force);
        print(status);
        return status.lastError() == null ? 0 : ExitCodes.RUNTIME;
    }

    private void print(Status status) {
        if (status.settings() == null) {
            out().println("sync is off");
            return;
        }
        Settings s = status.settings();
        line("url", s.url());
        line("path", s.path());
        line("branch", s.branch() == null ? "(default)" : s.branch());
        line("interval", Durations.format(s.interval()));
        line("mode", s.flush() ? "flush (replace)" : "merge");
        line("auth", s.auth().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + (status.tokenStore() == null ? "" : " (token in the " + status.tokenStore() + ")"));
        if (s.keyFile() != null) {
            line("ssh-key", s.keyFile());
        }
        if (s.knownHosts() != null) {
            line("known-hosts", s.knownHosts());
        }
        if (s.caFile() != null) {
            line("ca-file", s.caFile());
        }
        line("commit", status.commit() == null ? "(none applied yet)" : status.commit());
        if (status.appliedAt() != null) {
            line("applied", status.appliedAt() + ": " + status.created() + " created, " + status.updated()
                    + " updated, " + status.removed() + " removed");
        }
        line("last sync", status.lastAttempt() == null ? "(never)" : status.lastAttempt().toString());
        line("last error", status.lastError() == null ? "(none)" : status.lastError());
    }

    private void line(String name, String value) {
        out().printf("%-11s %s%n", name + ":", value);
    }

    private static String readToken(InputStream in) throws IOException {
        String token = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        if (token.isEmpty() || token.contains("\n")) {
            throw new LauncherException("--token-stdin expects one token on standard input");
        }
        return token;
    }

    /** Durations as people type them: 30s, 10m, 1h. */
    static final class Durations {
        private Durations() {
        }

        static Duration parse(String option, String text) {
            Function<Long, Duration> unit = switch (text.isEmpty() ? ' ' : text.charAt(text.length() - 1)) {
                case 's' -> Duration::ofSeconds;
                case 'm' -> Duration::ofMinutes;
                case 'h' -> Duration::ofHours;
                default -> null;
            };
            try {
                if (unit != null) {
                    return unit.apply(Long.parseLong(text.substring(0, text.length() - 1)));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new LauncherException(option + " '" + text + "' is not a duration such as 30s, 10m or 1h");
        }

        static String format(Duration d) {
            long s = d.toSeconds();
            return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
        }
    }
}
