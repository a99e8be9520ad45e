package app.kftray.ui.swt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardCounters;
import app.kftray.api.model.ForwardEvent;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.WorkloadType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForwardsModelTest {
    private final ForwardsModel model = new ForwardsModel();

    private static ForwardConfig web(long id, String alias) {
        return ForwardConfig.builder().id(id).alias(alias).context("dev").namespace("shop")
                .workloadType(WorkloadType.SERVICE).service("web").remotePort(80).localPort(8080).build();
    }

    private static ForwardState state(long id, ForwardStatus status, Instant since, String error) {
        return new ForwardState(id, status, null, "web-1", "127.0.0.1:8080", since, error,
                new ForwardCounters(1, 3, 1536, 10, 0), false);
    }

    private static ForwardEvent changed(ForwardState state) {
        return new ForwardEvent(ForwardEvent.Type.STATE_CHANGED, state.configId(), state, null, state.since());
    }

    @Test
    void rowsRenderEveryColumnAndUnknownStatesAreStopped() {
        model.setConfigs(List.of(web(1, "web"), web(2, "api")));
        model.mergeStates(List.of(state(1, ForwardStatus.RUNNING, Instant.now(), null)));

        List<ForwardRow> rows = model.rows();
        assertEquals(List.of("web", "dev", "shop", "svc/web:80", "127.0.0.1:8080", "tcp", "RUNNING", "1 / 3",
                "1.5 KiB in, 10 B out"), rows.get(0).cells());
        assertEquals("STOPPED", rows.get(1).cell("State"));
        assertEquals("127.0.0.1:8080", rows.get(1).cell("Local address"));
        assertEquals(List.of(1L), model.activeIds());
    }

    @Test
    void olderStatesNeverReplaceNewerOnes() {
        model.setConfigs(List.of(web(1, "web")));
        Instant now = Instant.now();
        model.apply(changed(state(1, ForwardStatus.RUNNING, now, null)));
        model.mergeStates(List.of(state(1, ForwardStatus.STARTING, now.minusSeconds(1), null)));
        assertEquals("RUNNING", model.row(1).orElseThrow().cell("State"));
    }

    @Test
    void failuresAndRecoveriesProduceNotifications() {
        model.setConfigs(List.of(web(1, "web")));
        Instant t = Instant.now();
        assertEquals(Optional.empty(), model.apply(changed(state(1, ForwardStatus.RUNNING, t, null))));
        assertEquals(Optional.of("Forward web lost its connection and is reconnecting"),
                model.apply(changed(state(1, ForwardStatus.RECONNECTING, t.plusSeconds(1), null))));
        assertEquals(OverallStatus.SOME_FAILING, model.overall());
        assertEquals(Optional.of("Forward web recovered"),
                model.apply(changed(state(1, ForwardStatus.RUNNING, t.plusSeconds(2), null))));
        assertEquals(Optional.of("Forward web failed: port 8080 is in use"),
                model.apply(changed(state(1, ForwardStatus.FAILED, t.plusSeconds(3), "port 8080 is in use"))));
    }

    @Test
    void deletedDefinitionsLeaveTheModel() {
        model.setConfigs(List.of(web(1, "web"), web(2, "api")));
        model.removeConfig(1);
        assertEquals(List.of("api"), model.rows().stream().map(r -> r.cell("Alias")).toList());
        assertTrue(model.row(1).isEmpty());
    }

    @Test
    void searchMatchesEveryWordInAnyCell() {
        ForwardRow row = new ForwardRow(web(1, "web"), ForwardState.stopped(1));
        assertTrue(row.matches("WEB shop"));
        assertTrue(row.matches("  "));
        assertEquals(false, row.matches("web payments"));
    }

    @Test
    void overallStatusSummarisesForTheTray() {
        assertEquals(OverallStatus.NONE_RUNNING, OverallStatus.of(List.of(ForwardStatus.STOPPED)));
        assertEquals(OverallStatus.ALL_RUNNING, OverallStatus.of(List.of(ForwardStatus.RUNNING, ForwardStatus.STOPPED)));
        assertEquals(OverallStatus.SOME_FAILING, OverallStatus.of(List.of(ForwardStatus.RUNNING, ForwardStatus.FAILED)));
        assertEquals(OverallStatus.NONE_RUNNING, OverallStatus.of(List.of()));
    }

    @Test
    void trayIsAssumedInvisibleWithoutADesktopOrOnGnome() {
        boolean linux = System.getProperty("os.name").toLowerCase().contains("linux");
        assertEquals(false, TrayHost.likelyVisible(false, Map.of("XDG_CURRENT_DESKTOP", "KDE")));
        assertEquals(!linux, TrayHost.likelyVisible(true, Map.of()));
        assertEquals(!linux, TrayHost.likelyVisible(true, Map.of("XDG_CURRENT_DESKTOP", "GNOME")));
        assertTrue(TrayHost.likelyVisible(true, Map.of("XDG_CURRENT_DESKTOP", "KDE")));
    }

    @Test
    void aDegradedForwardMakesTheTrayWarnAndItsRecoveryIsNoticed() {
        model.setConfigs(List.of(web(1, "web"), web(2, "api")));
        Instant t = Instant.now();
        model.apply(changed(state(1, ForwardStatus.RUNNING, t, null)));
        assertEquals(OverallStatus.ALL_RUNNING, model.overall());
        ForwardsModel.Notice degraded = model.notice(changed(state(1, ForwardStatus.DEGRADED, t.plusSeconds(1),
                "connection refused by the pod"))).orElseThrow();
        assertEquals(new ForwardsModel.Notice("1:DEGRADED", "Forward web is degraded: connection refused by the pod",
                true), degraded);
        assertEquals(OverallStatus.SOME_FAILING, model.overall());
        assertEquals(Optional.of(new ForwardsModel.Notice("1:RUNNING", "Forward web recovered", false)),
                model.notice(changed(state(1, ForwardStatus.RUNNING, t.plusSeconds(2), null))));
    }
}
