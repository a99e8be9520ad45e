package app.kftray.ui.tui.internal;

import app.kftray.ui.tui.internal.Palette.Style;
import com.googlecode.lanterna.input.KeyStroke;
import java.util.ArrayList;
import java.util.List;

/** Lists every key of the main screen; any key closes it. */
final class HelpOverlay implements Overlay {
    private static final int KEY_WIDTH = 12;

    @Override
    public boolean key(KeyStroke key) {
        return false;
    }

    @Override
    public void draw(Canvas canvas) {
        List<Keys.Binding> all = new ArrayList<>(Keys.MAIN);
        all.addAll(Keys.MORE);
        int columns = canvas.height() - 4 >= all.size() ? 1 : 2;
        int perColumn = (all.size() + columns - 1) / columns;
        int columnWidth = Math.min(58, (canvas.width() - 4) / columns);
        int width = columnWidth * columns + 2;
        int height = perColumn + 3;
        int left = Math.max(0, (canvas.width() - width) / 2);
        int top = Math.max(0, (canvas.height() - height) / 2);
        canvas.put(left, top, " Keys of kftray tui", width, Style.TITLE);
        canvas.clear(left, top + 1, width, height - 1, Style.NORMAL);
        for (int i = 0; i < all.size(); i++) {
            Keys.Binding binding = all.get(i);
            int x = left + 1 + (i / perColumn) * columnWidth;
            int y = top + 1 + i % perColumn;
            canvas.put(x, y, binding.key(), KEY_WIDTH, Style.KEY);
            canvas.put(x + KEY_WIDTH, y, binding.action(), columnWidth - KEY_WIDTH, Style.NORMAL);
        }
        canvas.put(left, top + height - 1, " Press any key to close this help.", width, Style.HINT);
    }
}
