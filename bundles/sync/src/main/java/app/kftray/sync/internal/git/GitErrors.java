package app.kftray.sync.internal.git;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/** Turns JGit's failures into one line that says what failed and what to do. */
final class GitErrors {
    /** An HTTP 401 or 403 status, not a port number or part of a commit id. */
    private static final Pattern REFUSED_STATUS = Pattern.compile("(?<![\\w:.])40[13](?![\\w.])");

    private GitErrors() {
    }

    static String describe(String url, Throwable failure) {
        String all = chain(failure).toLowerCase(Locale.ROOT);
        if (has(failure, CertificateException.class) || all.contains("certificate") || all.contains("pkix")) {
            return "the TLS certificate of " + url + " is not trusted (" + root(failure)
                    + "); add its certificate authority with --ca-file";
        }
        if (all.contains("server key did not validate") || all.contains("host key") || all.contains("known_hosts")) {
            return "the SSH host key of " + url + " is not in known_hosts or has changed (" + root(failure)
                    + "); add it (ssh-keyscan) or name the file with --known-hosts";
        }
        if (all.contains("no more authentication methods")) {
            return url + " refused the SSH key: check --ssh-key or the keys in your SSH agent (SSH_AUTH_SOCK)";
        }
        if (has(failure, SSLException.class)) {
            return "TLS with " + url + " failed: " + root(failure);
        }
        if (has(failure, UnknownHostException.class)) {
            return "cannot reach " + url + ": unknown host " + root(failure);
        }
        if (has(failure, ConnectException.class) || all.contains("connection refused")
                || all.contains("connect timed out")) {
            return "cannot reach " + url + ": " + root(failure);
        }
        if (all.contains("not authorized") || all.contains("authentication is required")
                || REFUSED_STATUS.matcher(all).find() || all.contains("auth fail")
                || all.contains("no credentialsprovider")) {
            return url + " refused the credentials (401/403): check the token or credential helper"
                    + " (kftray sync set ... --token-stdin)";
        }
        if (has(failure, NoRemoteRepositoryException.class) || all.contains("not found")
                || all.contains("not a valid repository") || all.contains("repository not exported")) {
            return "no Git repository at " + url + " (" + root(failure) + ")";
        }
        return "sync from " + url + " failed: " + root(failure);
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String chain(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
        }
        return text.toString();
    }

    static String root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
