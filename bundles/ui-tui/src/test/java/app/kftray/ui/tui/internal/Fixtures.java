package app.kftray.ui.tui.internal;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardCounters;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.Owner;
import app.kftray.api.model.WorkloadType;
import java.time.Instant;

/** Forwards and states for the tests. */
final class Fixtures {
    private Fixtures() {
    }

    static ForwardConfig config(long id, String alias, String context) {
        return ForwardConfig.builder().id(id).alias(alias).context(context).namespace("dev")
                .workloadType(WorkloadType.SERVICE).service(alias).remotePort("80").localPort((int) (8000 + id)).build();
    }

    static ForwardState state(long id, ForwardStatus status, long bytesIn) {
        return new ForwardState(id, status, new Owner(42, "host"), "pod-" + id, "127.0.0.1:" + (8000 + id),
                Instant.now(), status == ForwardStatus.FAILED ? "pod gone" : null,
                new ForwardCounters(1, 3, bytesIn, 10, 0), false);
    }
}
