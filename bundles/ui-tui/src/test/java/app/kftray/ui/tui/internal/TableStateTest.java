package app.kftray.ui.tui.internal;

import static app.kftray.ui.tui.internal.Fixtures.config;
import static app.kftray.ui.tui.internal.Fixtures.state;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.kftray.api.model.ForwardStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableStateTest {
    private final Forwards forwards = new Forwards();
    private final TableState table = new TableState();

    TableStateTest() {
        forwards.setConfigs(List.of(config(1, "web", null), config(2, "api", "prod"), config(3, "db", "prod")));
        forwards.merge(List.of(state(2, ForwardStatus.RUNNING, 5), state(3, ForwardStatus.DEGRADED, 5)));
    }

    private List<String> aliases() {
        List<Row> visible = table.visible(forwards.rows());
        table.settle(visible, forwards.rows());
        return visible.stream().map(r -> r.config().alias()).toList();
    }

    @Test
    void activeForwardsComeFirstUnderTheirOwnGroupTitle() {
        assertEquals(List.of("api", "db", "web"), aliases());
        List<TableView.Line> lines = TableView.lines(table.visible(forwards.rows()));
        assertEquals("Running (2)", lines.get(0).group());
        assertEquals("Stopped (1)", lines.get(3).group());
    }

    @Test
    void searchMatchesEveryWordCaseInsensitively() {
        table.query("PROD a");
        assertEquals(List.of("api"), aliases());
        table.query("svc/db");
        assertEquals(List.of("db"), aliases());
        table.query("nothing-like-it");
        assertEquals(List.of(), aliases());
    }

    @Test
    void theContextFilterCyclesThroughTheContextsAndBackToAll() {
        List<String> contexts = forwards.contexts();
        assertEquals(List.of("(current)", "prod"), contexts);
        table.nextContext(contexts);
        assertEquals(List.of("web"), aliases());
        table.nextContext(contexts);
        assertEquals(List.of("api", "db"), aliases());
        table.nextContext(contexts);
        assertEquals(List.of("api", "db", "web"), aliases());
    }

    @Test
    void actionsTargetTheMarkedForwardsOrElseTheCursor() {
        List<Row> visible = table.visible(forwards.rows());
        table.settle(visible, forwards.rows());
        assertEquals(List.of(2L), table.targets());
        table.toggleMarkAll(visible);
        assertEquals(List.of(2L, 3L, 1L), table.targets());
        table.toggleMarkAll(visible);
        assertEquals(0, table.markedCount());
        table.move(visible, 2);
        table.toggleMark();
        assertEquals(List.of(1L), table.targets());
        forwards.remove(1);
        table.settle(table.visible(forwards.rows()), forwards.rows());
        assertEquals(0, table.markedCount(), "marks of deleted forwards are dropped");
    }

    @Test
    void anOlderStateNeverReplacesANewerOne() {
        var newer = state(1, ForwardStatus.RUNNING, 5);
        forwards.merge(List.of(newer));
        var older = new app.kftray.api.model.ForwardState(1, ForwardStatus.STOPPED, null, null, null,
                newer.since().minusSeconds(5), null, null, false);
        assertEquals(false, forwards.merge(List.of(older)));
        assertEquals(ForwardStatus.RUNNING, forwards.row(1).orElseThrow().state().status());
    }
}
