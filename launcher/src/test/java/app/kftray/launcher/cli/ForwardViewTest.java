package app.kftray.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardCounters;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.WorkloadType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What tables and progress lines show, for forwards with one pod and for a whole namespace (socks5). */
class ForwardViewTest {
    private static ForwardState running(ForwardConfig config, String pod, String bound) {
        return new ForwardState(config.id(), ForwardStatus.RUNNING, null, pod, bound, Instant.EPOCH, null,
                new ForwardCounters(0, 0, 0, 0, 0), false);
    }

    @Test
    void aServiceForwardNamesItsPodAndBothPorts() {
        ForwardConfig web = ForwardConfig.builder().id(1L).alias("web").namespace("dev").service("web")
                .remotePort("80").localPort(8080).build();
        ForwardView view = new ForwardView(web, running(web, "web-1", "127.0.0.1:8080"));
        assertEquals("svc/web", view.workload());
        assertEquals("8080:80", view.ports());
        assertEquals("web: 127.0.0.1:8080 -> pod web-1:80", ProgressLine.running(web, view.state()));
    }

    @Test
    void aNamespaceForwardHasNoPodNorRemotePort() {
        ForwardConfig all = ForwardConfig.builder().id(2L).alias("all").namespace("dev")
                .workloadType(WorkloadType.NAMESPACE).protocol("socks5").localPort(19055).build();
        ForwardView view = new ForwardView(all, running(all, null, "127.0.0.1:19055"));
        assertEquals("all services", view.workload());
        assertEquals("19055", view.ports());
        assertEquals("all: 127.0.0.1:19055 -> every service of namespace dev", ProgressLine.running(all, view.state()));
    }
}
