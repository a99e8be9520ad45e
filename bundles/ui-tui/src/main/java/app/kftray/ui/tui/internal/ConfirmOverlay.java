package app.kftray.ui.tui.internal;

import app.kftray.ui.tui.internal.Palette.Style;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/** A yes/no question; {@code y} or Enter does it, {@code n} or Esc does not. */
final class ConfirmOverlay implements Overlay {
    private final String question;
    private final Runnable yes;

    ConfirmOverlay(String question, Runnable yes) {
        this.question = question;
        this.yes = yes;
    }

    @Override
    public boolean key(KeyStroke key) {
        boolean confirmed = key.getKeyType() == KeyType.Enter
                || key.getKeyType() == KeyType.Character && Character.toLowerCase(key.getCharacter()) == 'y';
        boolean declined = key.getKeyType() == KeyType.Escape
                || key.getKeyType() == KeyType.Character && Character.toLowerCase(key.getCharacter()) == 'n';
        if (confirmed) {
            yes.run();
        }
        return !confirmed && !declined;
    }

    @Override
    public void draw(Canvas canvas) {
        int width = Math.min(canvas.width() - 4, Math.max(40, question.length() + 4));
        int left = (canvas.width() - width) / 2;
        int top = canvas.height() / 2 - 2;
        canvas.put(left, top, " Confirm", width, Style.TITLE);
        canvas.put(left, top + 1, "", width, Style.NORMAL);
        canvas.put(left, top + 2, "  " + question, width, Style.NORMAL);
        canvas.put(left, top + 3, "", width, Style.NORMAL);
        canvas.put(left, top + 4, "  y / Enter: yes     n / Esc: no", width, Style.KEY);
    }
}
