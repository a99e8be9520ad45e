package app.kftray.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Keeps the saved forwards in step with a kftray {@code configs.json} in a Git repository. Each
 * sync applies the file through the import merge (or, with flush, replaces the saved forwards
 * with it). TLS certificates are always verified. A token lives in the OS keyring (or, if the
 * user chose so, in an owner-only file), never in the database.
 *
 * @since 1.5
 */
@ProviderType
public interface ConfigSync {
    /**
     * Saves the sync settings; a running runtime polls with them from then on.
     *
     * @param settings  where and how to sync
     * @param token     an access token to store in the keyring, or {@code null} to keep no token
     * @return the saved settings
     * @throws SyncException if a token cannot be stored safely (no keyring and no file opt-in)
     * @throws IllegalArgumentException if a setting is malformed
     */
    Settings configure(Settings settings, String token);

    /** @return the saved settings, if sync is on */
    Optional<Settings> settings();

    /**
     * Fetches the file now and applies it when its commit differs from the last one applied
     * (always when {@code force}).
     *
     * @param force apply even if the commit was applied before
     * @return the status after the attempt; a failure is in {@link Status#lastError()}, the saved forwards untouched
     * @throws SyncException if sync is off
     */
    Status syncNow(boolean force);

    /** @return what was last applied and the last error */
    Status status();

    /** Turns sync off and deletes its stored token. */
    void disable();

    /** How a repository is reached. */
    enum Auth {
        /** No credentials (public repository, git://), or for SSH the agent and the default keys of ~/.ssh. */
        NONE,
        /** An access token from the keyring (HTTPS basic auth). */
        TOKEN,
        /** Git's credential helper ({@code git credential fill}). */
        CREDENTIAL_HELPER,
        /** An SSH private key file. */
        SSH_KEY
    }

    /**
     * Sync settings.
     *
     * @param url       repository URL (https://, http://, git://, ssh:// or scp-like, file path)
     * @param path      path of the configs.json inside the repository
     * @param branch    branch, or {@code null} for the repository's default branch
     * @param interval  how often a running runtime polls
     * @param flush     replace the saved forwards instead of merging into them
     * @param auth      how to authenticate
     * @param user      HTTPS user name sent with a token, or {@code null} for the default
     * @param keyFile   SSH private key file for {@link Auth#SSH_KEY}, or {@code null}
     * @param knownHosts SSH known_hosts file to check host keys against, or {@code null} for ~/.ssh/known_hosts
     * @param caFile    PEM bundle of extra certificate authorities to trust, or {@code null}
     * @param tokenFile store the token in an owner-only file when no keyring is available
     */
    record Settings(String url, String path, String branch, Duration interval, boolean flush, Auth auth,
                    String user, String keyFile, String knownHosts, String caFile, boolean tokenFile) {
    }

    /**
     * What sync last did.
     *
     * @param settings    the settings, or {@code null} when sync is off
     * @param commit      id of the commit last applied, or {@code null}
     * @param appliedAt   when it was applied, or {@code null}
     * @param created     forwards the last applied commit created
     * @param updated     forwards it updated
     * @param removed     forwards it removed (flush only)
     * @param lastAttempt when sync last ran, or {@code null}
     * @param lastError   the error of the last attempt, or {@code null} if it succeeded
     * @param tokenStore  where the token is kept ("keyring", "file") or {@code null} if none
     */
    record Status(Settings settings, String commit, Instant appliedAt, int created, int updated, int removed,
                  Instant lastAttempt, String lastError, String tokenStore) {
    }
}
