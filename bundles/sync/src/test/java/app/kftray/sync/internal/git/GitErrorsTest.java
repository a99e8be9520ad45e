package app.kftray.sync.internal.git;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import org.eclipse.jgit.errors.TransportException;
import org.junit.jupiter.api.Test;

/** The one-line messages for failures the servers of the other tests cannot produce on demand. */
class GitErrorsTest {
    private static final String URL = "https://127.0.0.1:40123/git/configs.git";

    @Test
    void aPortNumberThatLooksLikeAStatusIsNotTakenForOne() {
        String message = GitErrors.describe(URL, new TransportException(URL + ": cannot open git-upload-pack",
                new ConnectException("Connection refused")));
        assertTrue(message.startsWith("cannot reach " + URL), message);
    }

    @Test
    void aForbiddenStatusIsReportedAsRefusedCredentials() {
        String message = GitErrors.describe(URL, new TransportException(URL + ": 403 Forbidden"));
        assertTrue(message.contains("refused the credentials (401/403)"), message);
    }

    @Test
    void anUnknownHostIsNamed() {
        String message = GitErrors.describe("https://no-such-host.invalid/x.git",
                new TransportException("https://no-such-host.invalid/x.git: cannot open git-upload-pack",
                        new java.net.UnknownHostException("no-such-host.invalid")));
        assertTrue(message.equals("cannot reach https://no-such-host.invalid/x.git: unknown host no-such-host.invalid"),
                message);
    }
}
