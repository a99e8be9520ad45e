package app.kftray.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An imported file is checked for what it would make this machine do before anything is saved. */
class ImportReviewTest {
    private static final String EXEC_USER = "users:\n- name: u\n  user:\n    exec:\n      command: /tmp/anything\n";

    @TempDir
    Path home;

    private ImportReview review(String json) {
        return new ImportReview(home, System.getProperty("user.name"), Set.of("tcp", "udp")).of(json);
    }

    private static String entry(String fields) {
        return "{\"alias\":\"web\",\"namespace\":\"dev\",\"service\":\"web\"" + fields + "}";
    }

    private Path kubeconfig(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void theUsersOwnKubeconfigLoopbackAndAnInstalledProtocolRaiseNothing() throws IOException {
        Path own = kubeconfig(home.resolve(".kube/config"), EXEC_USER);
        ImportReview review = review("[" + entry(",\"kubeconfig\":\"" + own + "\",\"local_address\":\"127.0.0.2\"") + ","
                + entry(",\"kubeconfig\":\"~/.kube/config\",\"protocol\":\"UDP\"") + "]");
        assertEquals(List.of(), review.warnings());
        assertEquals(List.of(), review.kubeconfigsToTrust());
    }

    @Test
    void aKubeconfigElsewhereIsAWarningAndOneThatRunsCommandsNeedsTrust() throws IOException {
        Path plain = kubeconfig(home.resolve("downloads/plain.yaml"), "users:\n- name: u\n  user:\n    token: x\n");
        Path plugin = kubeconfig(home.resolve("downloads/plugin.yaml"), EXEC_USER);
        ImportReview review = review("[" + entry(",\"kubeconfig\":\"" + plain + "\"") + ","
                + entry(",\"alias\":\"api\",\"kubeconfig\":\"" + plugin + "\"").replace("\"alias\":\"web\",", "") + "]");
        assertEquals(List.of("forward 'web': kubeconfig " + plain + " is outside ~/.kube",
                "forward 'api': kubeconfig " + plugin + " is outside ~/.kube; it runs a credential plugin (a command) "
                        + "each time the forward connects"), review.warnings());
        assertEquals(List.of("api"), review.kubeconfigsToTrust());
    }

    @Test
    void aKubeconfigOwnedBySomeoneElseIsNamedWithItsOwner() throws IOException {
        Path foreign;
        String owner;
        if ("root".equals(System.getProperty("user.name"))) {
            foreign = kubeconfig(home.resolve(".kube/config"), EXEC_USER);
            owner = "nobody";
            Files.setOwner(foreign, foreign.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(owner));
        } else {
            foreign = Path.of("/etc/passwd");
            owner = "root";
        }
        ImportReview review = review(entry(",\"kubeconfig\":\"" + foreign + "\""));
        String where = foreign.startsWith(home) ? "" : " is outside ~/.kube and";
        assertEquals(List.of("forward 'web': kubeconfig " + foreign + where + (where.isEmpty() ? " is" : "")
                + " owned by " + owner + ", not by you" + (where.isEmpty()
                ? "; it runs a credential plugin (a command) each time the forward connects" : "")), review.warnings());
    }

    @Test
    void aListenerBeyondLoopbackAndAMissingProtocolAreReported() {
        ImportReview review = review("[" + entry(",\"local_address\":\"0.0.0.0\"") + ","
                + entry(",\"protocol\":\"sctp\"") + "]");
        assertEquals(List.of("web"), review.remoteListeners());
        assertEquals("forward 'web' listens on 0.0.0.0, reachable from other machines", review.warnings().get(0));
        assertTrue(review.warnings().get(1).startsWith("forward 'web' uses protocol 'sctp', which no installed bundle "
                + "provides (installed: tcp, udp)"), review.warnings().get(1));
    }

    @Test
    void textThatIsNotJsonIsLeftToTheImportToReport() {
        assertEquals(List.of(), review("[{\"alias\": ").warnings());
        assertEquals(List.of(), review("").warnings());
        assertEquals(List.of(), review("[1, \"x\", null]").warnings());
    }
}
