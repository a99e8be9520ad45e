package app.kftray.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubectl get pods -w} follows pod lifecycle events from the emulator's watch stream. */
class KubectlWatchTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    EmulatorFixture fixture;
    KubeEmulator kube;
    EchoServer echo;
    Kubectl kubectl;

    @BeforeEach
    void start() throws Exception {
        fixture = EmulatorFixture.start(dir, (ns, backend) -> ns.app("web", backend.address()));
        kube = fixture.kube;
        echo = fixture.echo;
        kubectl = fixture.kubectl();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void watchSeesARestartAndTheNewPodBecomingReady() throws Exception {
        Process watch = kubectl.start(Map.of(), "get", "pods", "-w", "--output-watch-events");
        try {
            LineCollector out = new LineCollector(watch.getInputStream());
            out.await(l -> l.matches("ADDED\\s+web-1\\s+1/1\\s+Running.*"), TIMEOUT);
            PodHandle next = kube.restart(kube.requirePod("dev", "web-1"), echo.address(), Duration.ofMillis(300));
            out.await(l -> l.matches("DELETED\\s+web-1\\s+.*"), TIMEOUT);
            out.await(l -> l.matches("ADDED\\s+" + next.name() + "\\s+0/1\\s+Running.*"), TIMEOUT);
            out.await(l -> l.matches("MODIFIED\\s+" + next.name() + "\\s+1/1\\s+Running.*"), TIMEOUT);
            kube.setReady(next, false);
            out.await(l -> l.matches("MODIFIED\\s+" + next.name() + "\\s+0/1\\s+Running.*"), TIMEOUT);
        } finally {
            watch.destroy();
            watch.waitFor();
        }
    }

    @Test
    void endpointsFollowReadiness() throws Exception {
        PodHandle pod = kube.requirePod("dev", "web-1");
        kube.setReady(pod, false);
        String notReady = kubectl.run(TIMEOUT, "get", "endpoints", "web", "-o",
                "jsonpath={.subsets[0].notReadyAddresses[0].targetRef.name}").requireSuccess();
        assertEquals("web-1", notReady);
        kube.setReady(pod, true);
        String ready = kubectl.run(TIMEOUT, "get", "endpoints", "web", "-o",
                "jsonpath={.subsets[0].addresses[0].targetRef.name}").requireSuccess();
        assertEquals("web-1", ready);
        kube.kill(pod);
        String none = kubectl.run(TIMEOUT, "get", "endpoints", "web", "-o", "jsonpath={.subsets}").requireSuccess();
        assertEquals("", none);
    }
}
