package app.kftray.sync.internal.git;

import app.kftray.api.ConfigStore;
import app.kftray.api.ConfigStore.ImportResult;
import app.kftray.api.ConfigStore.ReplaceResult;
import app.kftray.api.ConfigSync;
import app.kftray.api.InvalidConfigException;
import app.kftray.api.KftrayHome;
import app.kftray.api.SyncException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.HttpTransport;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ConfigSync} with JGit: fetches the file of the configured branch and applies it through the import merge. */
@Component(service = ConfigSync.class)
public final class GitConfigSync implements ConfigSync {
    private static final Logger LOG = LoggerFactory.getLogger(GitConfigSync.class);
    /** GitHub's user name for tokens; other hosts accept any name with a token. */
    static final String TOKEN_USER = "x-access-token";
    private static final int TIMEOUT_SECONDS = 30;

    private final ConfigStore store;
    private final SyncSettingsStore settings;
    private final FileTokens fileTokens;
    private final TokenStore keyringTokens;
    private final VerifyingConnectionFactory connections = new VerifyingConnectionFactory();
    private final HttpConnectionFactory previousConnections;

    /**
     * @param store   the saved forwards and the settings table
     * @param context resolves the kftray home (for the opt-in token file)
     */
    @Activate
    public GitConfigSync(@Reference ConfigStore store, BundleContext context) {
        this(store, KftrayHome.resolve(context::getProperty, System.getenv()).directory(), new KeyringTokens());
    }

    GitConfigSync(ConfigStore store, Path home, TokenStore keyring) {
        this.store = store;
        this.keyringTokens = keyring;
        this.settings = new SyncSettingsStore(store);
        this.fileTokens = new FileTokens(home.resolve("sync-token"));
        this.previousConnections = HttpTransport.getConnectionFactory();
        HttpTransport.setConnectionFactory(connections);
    }

    @Deactivate
    void deactivate() {
        HttpTransport.setConnectionFactory(previousConnections);
    }

    @Override
    public Settings configure(Settings wanted, String token) {
        Settings checked = SettingsCheck.check(wanted, token != null || settings.tokenStore() != null);
        String tokenStore = settings.tokenStore();
        if (token != null) {
            tokenStore = storeToken(token, checked.tokenFile());
        } else if (checked.auth() != Auth.TOKEN) {
            forgetTokens();
            tokenStore = null;
        }
        settings.save(checked, tokenStore);
        LOG.info("Git sync set to {} {} (branch {}), every {}", checked.url(), checked.path(),
                checked.branch() == null ? "default" : checked.branch(), checked.interval());
        return checked;
    }

    @Override
    public Optional<Settings> settings() {
        return settings.settings();
    }

    @Override
    public synchronized Status syncNow(boolean force) {
        Settings current = settings.settings().orElseThrow(() -> new SyncException(
                "sync is off; turn it on with: kftray sync set --url URL --path FILE", null));
        Instant now = Instant.now();
        try (SshTransports ssh = new SshTransports(current)) {
            RemoteFile remote = remote(current, ssh);
            RemoteFile.Head head = remote.head();
            if (!force && head.commit().equals(settings.appliedCommit())) {
                settings.attempted(now, null);
                return status();
            }
            apply(current, remote.read(head), now);
        } catch (SyncException e) {
            failed(now, e.getMessage());
        } catch (InvalidConfigException e) {
            failed(now, current.path() + " is not a valid configs.json: " + oneLine(e.getMessage()));
        } catch (GitAPIException | IOException | GeneralSecurityException | RuntimeException e) {
            failed(now, GitErrors.describe(current.url(), e));
        }
        return status();
    }

    @Override
    public Status status() {
        return settings.status();
    }

    @Override
    public void disable() {
        forgetTokens();
        settings.clear();
        LOG.info("Git sync turned off");
    }

    private void apply(Settings current, RemoteFile.Content content, Instant now) {
        String commit = content.head().commit();
        int created;
        int updated;
        int removed = 0;
        if (current.flush()) {
            ReplaceResult result = store.replaceJson(content.text());
            created = result.imported().created().size();
            updated = result.imported().updated().size();
            removed = result.removed().size();
        } else {
            ImportResult result = store.importJson(content.text());
            created = result.created().size();
            updated = result.updated().size();
        }
        settings.applied(commit, created, updated, removed, now);
        LOG.info("Git sync applied {} of {}: {} created, {} updated, {} removed", RemoteFile.abbreviate(commit),
                current.url(), created, updated, removed);
    }

    private void failed(Instant now, String message) {
        settings.attempted(now, message);
        LOG.warn("Git sync: {}", message);
    }

    private RemoteFile remote(Settings current, SshTransports ssh) throws IOException, GeneralSecurityException {
        connections.trust(current.caFile() == null ? null : Path.of(current.caFile()));
        TransportConfigCallback transport = t -> {
            t.setTimeout(TIMEOUT_SECONDS);
            ssh.configure(t);
        };
        return new RemoteFile(current.url(), current.branch(), current.path(), credentials(current), transport);
    }

    private CredentialsProvider credentials(Settings current) {
        return switch (current.auth()) {
            case TOKEN -> new UsernamePasswordCredentialsProvider(current.user() == null ? TOKEN_USER : current.user(),
                    token());
            case CREDENTIAL_HELPER -> new CredentialHelper();
            case NONE, SSH_KEY -> null;
        };
    }

    private String token() {
        String where = settings.tokenStore();
        TokenStore tokens = "file".equals(where) ? fileTokens : keyringTokens;
        return tokens.get().orElseThrow(() -> new SyncException("the sync token is missing from the " + tokens.kind()
                + "; set it again with: kftray sync set ... --token-stdin", null));
    }

    private String storeToken(String token, boolean fileAllowed) {
        try {
            keyringTokens.put(token);
            fileTokens.delete();
            return keyringTokens.kind();
        } catch (SyncException noKeyring) {
            if (!fileAllowed) {
                throw new SyncException(noKeyring.getMessage() + "; the token was not saved. Start a keyring"
                        + " (Secret Service) or add --token-file to keep it in an owner-only file in the kftray home",
                        noKeyring);
            }
            fileTokens.put(token);
            return fileTokens.kind();
        }
    }

    private void forgetTokens() {
        fileTokens.delete();
        if ("keyring".equals(settings.tokenStore())) {
            try {
                keyringTokens.delete();
            } catch (SyncException e) {
                LOG.warn("Git sync: {}", e.getMessage());
            }
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }

    /** Checks settings before they are saved. */
    static final class SettingsCheck {
        private SettingsCheck() {
        }

        static Settings check(Settings s, boolean haveToken) {
            if (s.url() == null || s.url().isBlank()) {
                throw new IllegalArgumentException("--url is required");
            }
            URIish uri;
            try {
                uri = new URIish(s.url());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("--url '" + s.url() + "' is not a Git URL: " + e.getReason());
            }
            if (uri.getPass() != null) {
                throw new IllegalArgumentException("--url must not carry a password or token; give the token with"
                        + " --token-stdin so it goes to the keyring");
            }
            if (s.path() == null || s.path().isBlank()) {
                throw new IllegalArgumentException("--path (the configs.json inside the repository) is required");
            }
            if (s.interval() == null || s.interval().compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("--interval must be at least 1s");
            }
            if (s.auth() == Auth.TOKEN && !haveToken) {
                throw new IllegalArgumentException("a token is needed: give it with --token-stdin");
            }
            if (s.auth() == Auth.SSH_KEY && (s.keyFile() == null || !Files.isReadable(Path.of(s.keyFile())))) {
                throw new IllegalArgumentException("--ssh-key " + s.keyFile() + " is not a readable file");
            }
            if (s.knownHosts() != null && !Files.isReadable(Path.of(s.knownHosts()))) {
                throw new IllegalArgumentException("--known-hosts " + s.knownHosts() + " is not a readable file");
            }
            if (s.caFile() != null) {
                try {
                    new VerifyingConnectionFactory().trust(Path.of(s.caFile()));
                } catch (IOException | GeneralSecurityException e) {
                    throw new IllegalArgumentException("--ca-file " + s.caFile() + " is not a PEM certificate bundle: "
                            + GitErrors.root(e));
                }
            }
            return s;
        }
    }
}
