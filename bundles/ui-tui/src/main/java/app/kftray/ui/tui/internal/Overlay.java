package app.kftray.ui.tui.internal;

import com.googlecode.lanterna.input.KeyStroke;

/** Something drawn over the main screen that takes the keys while it is open: help, a form, a prompt, a question. */
interface Overlay {
    /**
     * @param key what the user pressed
     * @return whether the overlay stays open
     */
    boolean key(KeyStroke key);

    /** @param canvas the whole screen; the main screen is already drawn below */
    void draw(Canvas canvas);
}
