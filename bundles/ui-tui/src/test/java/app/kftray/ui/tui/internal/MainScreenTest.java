package app.kftray.ui.tui.internal;

import static app.kftray.ui.tui.internal.Fixtures.config;
import static app.kftray.ui.tui.internal.Fixtures.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.model.ForwardStatus;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The main screen drawn into a Lanterna virtual terminal and read back cell by cell. */
class MainScreenTest {
    private static final StaticScreen TWO = new StaticScreen(List.of(config(1, "web", null), config(2, "api", "prod")),
            List.of(state(2, ForwardStatus.DEGRADED, 2048)), Map.of());

    private static Screen draw(StaticScreen frame, int columns, int rows) throws Exception {
        TerminalScreen screen = new TerminalScreen(new DefaultVirtualTerminal(new TerminalSize(columns, rows)));
        screen.startScreen();
        frame.draw(screen);
        screen.refresh(Screen.RefreshType.COMPLETE);
        return screen;
    }

    private static String line(Screen screen, int row) {
        StringBuilder text = new StringBuilder();
        for (int column = 0; column < screen.getTerminalSize().getColumns(); column++) {
            text.append(screen.getFrontCharacter(column, row).getCharacterString());
        }
        return text.toString().stripTrailing();
    }

    private static int rowOf(Screen screen, String text) {
        for (int row = 0; row < screen.getTerminalSize().getRows(); row++) {
            if (line(screen, row).contains(text)) {
                return row;
            }
        }
        return -1;
    }

    @Test
    void eightyByTwentyFourShowsBothGroupsTheDetailsAndTheKeys() throws Exception {
        Screen screen = draw(TWO, 80, 24);
        assertTrue(line(screen, 0).contains("1 running, 1 stopped"), line(screen, 0));
        assertTrue(rowOf(screen, "Running (1)") < rowOf(screen, "  api ")
                && rowOf(screen, "  api ") < rowOf(screen, "Stopped (1)")
                && rowOf(screen, "Stopped (1)") < rowOf(screen, "  web "));
        assertTrue(line(screen, rowOf(screen, "  api ")).contains("2.0 KiB / 10 B"));
        assertTrue(rowOf(screen, "Details of api") > 0);
        assertTrue(line(screen, 23).startsWith("h help  q quit"), line(screen, 23));
    }

    @Test
    void aDegradedForwardIsDrawnInTheWarningColourAndAFailedOneInTheErrorColour() throws Exception {
        StaticScreen states = new StaticScreen(List.of(config(1, "web", null), config(2, "api", null),
                config(3, "db", null)), List.of(state(1, ForwardStatus.RUNNING, 1), state(2, ForwardStatus.DEGRADED, 1),
                state(3, ForwardStatus.FAILED, 0)), Map.of());
        Screen screen = draw(states, 120, 30);
        assertEquals(new TextColor.Indexed(214), stateCell(screen, "DEGRADED").getForegroundColor());
        assertEquals(new TextColor.Indexed(203), stateCell(screen, "FAILED").getForegroundColor());
        assertTrue(line(screen, rowOf(screen, "Stopped (1)") + 1).contains("  db "), "a failed forward is not active");
    }

    private static TextCharacter stateCell(Screen screen, String status) {
        int row = rowOf(screen, status);
        return screen.getFrontCharacter(line(screen, row).indexOf(status), row);
    }

    @Test
    void withNoColorOnlyBoldAndReverseAreUsed() throws Exception {
        StaticScreen mono = new StaticScreen(List.of(config(1, "web", null)), List.of(), Map.of("NO_COLOR", "1"));
        Screen screen = draw(mono, 80, 24);
        for (int row = 0; row < 24; row++) {
            for (int column = 0; column < 80; column++) {
                TextCharacter cell = screen.getFrontCharacter(new TerminalPosition(column, row));
                assertEquals(TextColor.ANSI.DEFAULT, cell.getForegroundColor(), "row " + row + " column " + column);
                assertEquals(TextColor.ANSI.DEFAULT, cell.getBackgroundColor(), "row " + row + " column " + column);
            }
        }
        assertTrue(screen.getFrontCharacter(0, 0).getModifiers().contains(com.googlecode.lanterna.SGR.REVERSE));
    }

    @Test
    void aTerminalBelowEightyByTwentyFourGetsAMessageInsteadOfTheTable() throws Exception {
        Screen screen = draw(TWO, 60, 20);
        assertTrue(rowOf(screen, "needs a terminal of at least 80x24") >= 0);
        assertTrue(rowOf(screen, "this one is 60x20.") >= 0);
        assertFalse(rowOf(screen, "Alias") >= 0);
    }

    @Test
    void theHelpListsEveryKeyOfTheFooter() throws Exception {
        TerminalScreen screen = new TerminalScreen(new DefaultVirtualTerminal(new TerminalSize(100, 40)));
        screen.startScreen();
        new HelpOverlay().draw(new Canvas(screen.newTextGraphics(), Palette.of(Map.of()), screen.getTerminalSize()));
        screen.refresh(Screen.RefreshType.COMPLETE);
        for (Keys.Binding binding : Keys.MAIN) {
            assertTrue(rowOf(screen, binding.action()) >= 0, binding.toString());
        }
    }
}
