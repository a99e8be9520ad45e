package app.kftray.ui.tui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnLayoutTest {
    @Test
    void eightyColumnsKeepTheColumnsThatMatterMost() {
        int[] widths = ColumnLayout.widths(78);
        List<String> kept = ColumnLayout.cells(Row.COLUMNS, widths).stream().map(ColumnLayout.Cell::text).toList();
        assertEquals(List.of("Alias", "Target", "Local address", "State", "Conns", "Bytes in/out"), kept);
        assertTrue(Arrays.stream(widths).map(w -> w == 0 ? 0 : w + 1).sum() <= 78, Arrays.toString(widths));
    }

    @Test
    void aWideTerminalShowsEveryColumnAndUsesItsWidth() {
        int[] widths = ColumnLayout.widths(160);
        assertTrue(Arrays.stream(widths).allMatch(w -> w > 0), Arrays.toString(widths));
        assertEquals(160, Arrays.stream(widths).map(w -> w + 1).sum());
    }
}
