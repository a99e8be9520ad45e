package app.kftray.ui.swt.internal;

import app.kftray.api.ConfigSync;
import app.kftray.api.ConfigSync.Auth;
import app.kftray.api.ConfigSync.Settings;
import app.kftray.api.ConfigSync.Status;
import app.kftray.api.model.FieldError;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the Git sync tab of the settings dialog types and shows: the check of the typed values
 * (keyed by field, so errors land next to their input), the sync settings they make, the status
 * line, and the service's messages in the dialog's words rather than the command line's.
 */
final class SyncForm {
    static final String URL = "url";
    static final String BRANCH = "branch";
    static final String PATH = "path";
    static final String INTERVAL = "interval";
    static final String AUTH = "auth";
    static final String TOKEN = "token";
    static final String KEY_FILE = "keyFile";
    /** The choices of the authentication drop-down, in {@link Auth} order. */
    static final List<String> AUTH_CHOICES = List.of("none (public repository, or the SSH agent)",
            "token (kept in the OS keyring)", "git credential helper", "SSH key file");
    private static final long MAX_MINUTES = 1440;
    private static final Pattern REMOTE = Pattern.compile("(?i)(https?|git|ssh)://[^\\s/@]*@?[^\\s/]+(/\\S*)?|file:///\\S+");
    private static final Pattern SCP_LIKE = Pattern.compile("[\\w.-]+@[\\w.-]+:\\S+");
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)[a-z]+://[^/@\\s]*:[^/@\\s]*@.*");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /**
     * The form's values as typed.
     *
     * @param url       repository URL
     * @param branch    branch, blank for the default
     * @param path      the configs.json inside the repository
     * @param minutes   poll interval in minutes
     * @param flush     replace instead of merge
     * @param auth      index into {@link #AUTH_CHOICES}
     * @param keyFile   SSH key file
     * @param tokenFile allow an owner-only token file
     */
    record Typed(String url, String branch, String path, String minutes, boolean flush, int auth, String keyFile,
                 boolean tokenFile) {
    }

    /**
     * @param settings   the valid settings, or {@code null} when there are errors
     * @param errors     problems keyed by field
     */
    record Checked(Settings settings, List<FieldError> errors) {
    }

    private SyncForm() {
    }

    /**
     * @param typed what the form holds
     * @return the settings, or the errors (nothing is saved then)
     */
    static Checked check(Typed typed) {
        List<FieldError> errors = new ArrayList<>();
        String url = trimmed(typed.url());
        if (url == null) {
            errors.add(new FieldError(URL, "the repository URL is required"));
        } else if (PASSWORD_IN_URL.matcher(url).matches()) {
            errors.add(new FieldError(URL, "the URL must not carry a password or token: put the token in the Token"
                    + " field (it goes to the OS keyring)"));
        } else if (!REMOTE.matcher(url).matches() && !SCP_LIKE.matcher(url).matches() && !url.startsWith("/")) {
            errors.add(new FieldError(URL, "'" + url + "' is not a Git URL: use https://host/org/repo.git,"
                    + " git@host:org/repo.git or an absolute path"));
        }
        String path = trimmed(typed.path());
        if (path == null) {
            errors.add(new FieldError(PATH, "the file in the repository is required, e.g. configs.json"));
        }
        long minutes = -1;
        try {
            minutes = Long.parseLong(typed.minutes().trim());
        } catch (NumberFormatException e) {
            // reported below
        }
        if (minutes < 1 || minutes > MAX_MINUTES) {
            errors.add(new FieldError(INTERVAL, "'" + typed.minutes().trim() + "' is not a whole number from 1 to "
                    + MAX_MINUTES + " minutes"));
        }
        Auth auth = typed.auth() < 0 ? Auth.NONE : Auth.values()[typed.auth()];
        String keyFile = trimmed(typed.keyFile());
        if (auth == Auth.SSH_KEY && keyFile == null) {
            errors.add(new FieldError(KEY_FILE, "name the SSH private key file"));
        }
        if (!errors.isEmpty()) {
            return new Checked(null, errors);
        }
        return new Checked(new Settings(url, path, trimmed(typed.branch()), Duration.ofMinutes(minutes), typed.flush(),
                auth, null, auth == Auth.SSH_KEY ? keyFile : null, null, null, typed.tokenFile()), List.of());
    }

    /**
     * @param settings saved settings
     * @return the poll interval as the form shows it, in whole minutes (at least 1)
     */
    static String minutes(Settings settings) {
        return Long.toString(Math.max(1, settings.interval().toMinutes()));
    }

    /**
     * @param status the service's status
     * @return one line on what sync last did
     */
    static String statusLine(Status status) {
        if (status.settings() == null) {
            return "Sync is off.";
        }
        StringBuilder line = new StringBuilder();
        if (status.commit() == null) {
            line.append("Nothing applied yet");
        } else {
            line.append("Commit ").append(status.commit(), 0, Math.min(12, status.commit().length()))
                    .append(" applied");
            if (status.appliedAt() != null) {
                line.append(' ').append(WHEN.format(status.appliedAt()));
            }
            line.append(": ").append(status.created()).append(" created, ").append(status.updated())
                    .append(" updated, ").append(status.removed()).append(" removed");
        }
        if (status.lastAttempt() == null) {
            line.append("; never synced.");
        } else {
            line.append("; last sync ").append(WHEN.format(status.lastAttempt()))
                    .append(status.lastError() == null ? ", succeeded." : ", failed.");
        }
        if (status.tokenStore() != null) {
            line.append(" Token kept in the ").append(status.tokenStore()).append('.');
        }
        return line.toString();
    }

    /**
     * @param message a message of {@link ConfigSync}, written for the command line
     * @return the field it is about ({@code null}: none) and its text in the dialog's words
     */
    static FieldError placed(String message) {
        String text = inDialogWords(message);
        String lower = message.toLowerCase(Locale.ROOT);
        String field = lower.startsWith("--url") ? URL : lower.startsWith("--path") ? PATH
                : lower.startsWith("--ssh-key") ? KEY_FILE : lower.startsWith("--interval") ? INTERVAL
                : lower.contains("token") ? TOKEN : "";
        return new FieldError(field, text);
    }

    /** Replaces the command line's options with the names of this dialog's fields. */
    static String inDialogWords(String message) {
        return message.replace("kftray sync set ... --token-stdin", "the Token field")
                .replace("kftray sync set --url URL --path FILE", "Save and sync now")
                .replace("--token-stdin", "the Token field")
                .replace("add --token-file", "tick \"keep the token in an owner-only file\"")
                .replace("--token-file", "the owner-only token file")
                .replace("--url", "the URL").replace("--path", "the file in the repository")
                .replace("--ssh-key", "the SSH key file").replace("--known-hosts", "known_hosts")
                .replace("--ca-file", "a CA file (kftray sync set --ca-file)")
                .replace("--interval", "the poll interval");
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
