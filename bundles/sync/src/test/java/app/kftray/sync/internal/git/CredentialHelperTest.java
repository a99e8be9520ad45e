package app.kftray.sync.internal.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.testing.git.GitHttpsServer;
import app.kftray.testing.git.GitRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.transport.HttpTransport;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS credentials from git's own credential helper (here git's {@code store} helper with its own file). */
class CredentialHelperTest {
    private static final String TOKEN = "helper-token-51ab";

    @TempDir
    static Path dir;
    static GitHttpsServer https;
    static HttpConnectionFactory previous;

    @BeforeAll
    static void start() throws Exception {
        Path repos = Files.createDirectories(dir.resolve("repos"));
        GitRepository.create(repos, "configs.git", "main").commit("main", "configs.json", "[]");
        https = GitHttpsServer.start(repos, Files.createDirectories(dir.resolve("https")), "kftray", TOKEN);
        VerifyingConnectionFactory connections = new VerifyingConnectionFactory();
        connections.trust(https.caFile());
        previous = HttpTransport.getConnectionFactory();
        HttpTransport.setConnectionFactory(connections);
    }

    @AfterAll
    static void stop() {
        HttpTransport.setConnectionFactory(previous);
        https.close();
    }

    @Test
    void theHelpersCredentialsAreSent() throws Exception {
        RemoteFile.Content content = read(helperKnowing("kftray", TOKEN));
        assertEquals("[]", content.text());
    }

    @Test
    void aHelperWithWrongCredentialsIsRefused() throws Exception {
        TransportException refused = assertThrows(TransportException.class, () -> read(helperKnowing("kftray", "nope")));
        assertTrue(GitErrors.describe(https.url("configs.git"), refused).contains("refused the credentials"),
                GitErrors.describe(https.url("configs.git"), refused));
    }

    private static RemoteFile.Content read(CredentialHelper helper) throws Exception {
        RemoteFile file = new RemoteFile(https.url("configs.git"), null, "configs.json", helper, t -> { });
        return file.read(file.head());
    }

    /** git's store helper with one entry, through a global config of its own. */
    private static CredentialHelper helperKnowing(String user, String password) throws Exception {
        Path store = Files.createTempFile(dir, "credentials", "");
        String host = https.url("configs.git").replaceFirst("^https://([^/]+)/.*$", "$1");
        Files.writeString(store, "https://" + user + ":" + password + "@" + host + "\n");
        Path config = Files.createTempFile(dir, "gitconfig", "");
        Files.writeString(config, "[credential]\n\thelper = store --file " + store + "\n");
        return new CredentialHelper(Map.of("GIT_CONFIG_GLOBAL", config.toString(), "GIT_CONFIG_NOSYSTEM", "1"));
    }
}
