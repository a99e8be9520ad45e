package app.kftray.ui.tui.internal;

import app.kftray.ui.tui.internal.Palette.Style;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One line of input on the status line: the search (applied as typed), a file name, a filter.
 * Enter submits, Esc cancels; a submit that returns an error keeps the prompt open and shows it.
 */
final class PromptOverlay implements Overlay {
    private final String label;
    private final Consumer<String> onChange;
    private final Function<String, String> onSubmit;
    private final Runnable onCancel;
    private final StringBuilder text;
    private String error;

    /**
     * @param label    what to type, e.g. {@code Search}
     * @param initial  the text to start from
     * @param onChange called after each edit (e.g. incremental search)
     * @param onSubmit called with the text on Enter; returns an error to show, or {@code null} to close
     * @param onCancel called on Esc
     */
    PromptOverlay(String label, String initial, Consumer<String> onChange, Function<String, String> onSubmit,
                  Runnable onCancel) {
        this.label = label;
        this.text = new StringBuilder(initial == null ? "" : initial);
        this.onChange = onChange;
        this.onSubmit = onSubmit;
        this.onCancel = onCancel;
    }

    @Override
    public boolean key(KeyStroke key) {
        switch (key.getKeyType()) {
            case Escape -> {
                onCancel.run();
                return false;
            }
            case Enter -> {
                error = onSubmit.apply(text.toString());
                return error != null;
            }
            case Backspace -> {
                if (text.length() > 0) {
                    text.setLength(text.length() - 1);
                    changed();
                }
            }
            case Character -> {
                if (key.isCtrlDown() && key.getCharacter() == 'u') {
                    text.setLength(0);
                } else if (!key.isCtrlDown() && !key.isAltDown()) {
                    text.append(key.getCharacter());
                }
                changed();
            }
            default -> {
                // other keys do nothing here
            }
        }
        return true;
    }

    private void changed() {
        error = null;
        onChange.accept(text.toString());
    }

    @Override
    public void draw(Canvas canvas) {
        int y = canvas.height() - 2;
        int x = canvas.word(0, y, " " + label + ": ", Style.KEY);
        canvas.line(x, y, text + "_", Style.INPUT);
        canvas.line(0, y + 1, error != null ? " " + error : " Enter: done   Esc: cancel   Ctrl+U: clear",
                error != null ? Style.ERROR : Style.HINT);
    }
}
