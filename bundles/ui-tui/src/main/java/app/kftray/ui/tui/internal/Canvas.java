package app.kftray.ui.tui.internal;

import app.kftray.ui.tui.internal.Palette.Style;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;

/** Writes styled text into cells of a screen: never past its right edge, always padded to a width. */
final class Canvas {
    private final TextGraphics graphics;
    private final Palette palette;
    private final TerminalSize size;

    Canvas(TextGraphics graphics, Palette palette, TerminalSize size) {
        this.graphics = graphics;
        this.palette = palette;
        this.size = size;
    }

    int width() {
        return size.getColumns();
    }

    int height() {
        return size.getRows();
    }

    /** Writes {@code text} at column {@code x} of row {@code y}, padded or cut to {@code width}. */
    void put(int x, int y, String text, int width, Style style) {
        int room = Math.min(width, width() - x);
        if (y < 0 || y >= height() || room <= 0) {
            return;
        }
        palette.apply(graphics, style);
        graphics.putString(x, y, Text.fit(text, room));
    }

    /** Writes {@code text} from column {@code x} to the end of row {@code y}. */
    void line(int x, int y, String text, Style style) {
        put(x, y, text, width() - x, style);
    }

    /** Writes {@code text} at {@code x} without padding; returns the column after it. */
    int word(int x, int y, String text, Style style) {
        int room = width() - x;
        if (room <= 0) {
            return x;
        }
        String cut = text.length() > room ? text.substring(0, room) : text;
        put(x, y, cut, cut.length(), style);
        return x + cut.length();
    }

    /** Blanks the rectangle. */
    void clear(int x, int y, int width, int height, Style style) {
        for (int row = y; row < y + height; row++) {
            put(x, row, "", width, style);
        }
    }
}
