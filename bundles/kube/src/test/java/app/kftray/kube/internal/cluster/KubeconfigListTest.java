package app.kftray.kube.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.kftray.api.KubeAccess.KubeContext;
import app.kftray.api.model.ClusterRef;
import app.kftray.emulator.KubeconfigContext;
import app.kftray.emulator.KubeconfigWriter;
import io.fabric8.kubernetes.client.Config;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code KUBECONFIG} naming several files: their contexts are merged, the first file's current context wins. */
class KubeconfigListTest {
    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
    }

    @Test
    void contextsOfEveryFileAreSeenAndEachResolvesToItsOwnServer() throws Exception {
        Path work = KubeconfigWriter.write(dir.resolve("work"),
                List.of(new KubeconfigContext("work", "https://10.0.0.1:6443", null, "t1", "dev")));
        Path home = KubeconfigWriter.write(dir.resolve("home"),
                List.of(new KubeconfigContext("home", "https://10.0.0.2:6443", null, "t2", "lab")));
        // the system property fabric8 reads before the KUBECONFIG variable
        System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, work + File.pathSeparator + home);

        List<KubeContext> contexts = KubeconfigLoader.contexts("default");
        assertEquals(List.of("work", "home"), contexts.stream().map(KubeContext::name).toList());
        assertEquals(List.of(true, false), contexts.stream().map(KubeContext::current).toList());
        assertEquals("https://10.0.0.2:6443/", KubeconfigLoader.load(new ClusterRef("default", "home")).getMasterUrl());
        assertEquals("lab", KubeconfigLoader.load(new ClusterRef("default", "home")).getNamespace());
    }
}
