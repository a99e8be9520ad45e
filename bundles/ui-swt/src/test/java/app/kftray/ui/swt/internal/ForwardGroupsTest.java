package app.kftray.ui.swt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardCounters;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.WorkloadType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardGroupsTest {
    private static ForwardRow row(long id, String alias, String context, String group, ForwardStatus status,
                                  long bytes) {
        ForwardConfig config = ForwardConfig.builder().id(id).alias(alias).context(context).group(group)
                .namespace("dev").workloadType(WorkloadType.SERVICE).service(alias).remotePort(80).build();
        return new ForwardRow(config, new ForwardState(id, status, null, null, null, Instant.EPOCH, null,
                new ForwardCounters(0, 0, bytes, 0, 0), false));
    }

    private static List<String> labels(List<ForwardGroups.Group> groups) {
        return groups.stream().map(ForwardGroups.Group::label).toList();
    }

    private static List<String> aliases(ForwardGroups.Group group) {
        return group.rows().stream().map(r -> r.config().alias()).toList();
    }

    @Test
    void groupsComeFirstThenContextsEachByNameAndForwardsByIdUnlessSorted() {
        List<ForwardRow> rows = List.of(row(1, "web", "prod", null, ForwardStatus.RUNNING, 10),
                row(2, "api", "dev", "Backend", ForwardStatus.STOPPED, 500),
                row(3, "db", null, null, ForwardStatus.FAILED, 0),
                row(4, "auth", "prod", null, ForwardStatus.STOPPED, 99),
                row(5, "cache", "prod", "backend", ForwardStatus.DEGRADED, 7));
        List<ForwardGroups.Group> groups = ForwardGroups.of(rows, null, false);
        assertEquals(List.of("Group: Backend", "Group: backend", "Context: (current)", "Context: prod"),
                labels(groups));
        assertEquals(List.of("web", "auth"), aliases(groups.get(3)));
        assertEquals("1 of 2 running", groups.get(3).summary());
        assertEquals("1 of 1 running", groups.get(1).summary(), "degraded still holds its socket");

        assertEquals(List.of("auth", "web"), aliases(ForwardGroups.of(rows, "Alias", false).get(3)));
        assertEquals(List.of("web", "auth"), aliases(ForwardGroups.of(rows, "Alias", true).get(3)));
        assertEquals(List.of("web", "auth"), aliases(ForwardGroups.of(rows, "Bytes", false).get(3)),
                "bytes sort as numbers, not as text");
    }

    @Test
    void noForwardsNoHeadings() {
        assertEquals(List.of(), ForwardGroups.of(List.of(), "State", false));
    }
}
