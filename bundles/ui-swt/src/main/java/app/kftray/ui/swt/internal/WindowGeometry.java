package app.kftray.ui.swt.internal;

import java.util.Optional;
import org.eclipse.swt.graphics.Rectangle;

/**
 * Where the main window was and how big, kept as the setting {@value #KEY}
 * ({@code x,y,width,height}) so it opens there again; a place off every screen is not used.
 */
final class WindowGeometry {
    /** The desktop's own setting (not one the other parts read). */
    static final String KEY = "desktop_window_bounds";
    /** Smallest size the window may be restored to. */
    static final int MIN_WIDTH = 640;
    static final int MIN_HEIGHT = 400;

    private WindowGeometry() {
    }

    /** @return the setting's text for these bounds */
    static String format(Rectangle bounds) {
        return bounds.x + "," + bounds.y + "," + bounds.width + "," + bounds.height;
    }

    /**
     * @param stored  the setting's text
     * @param screen  the display's bounds
     * @return the bounds to restore, if the text is well-formed and the place is on the screen
     */
    static Optional<Rectangle> parse(String stored, Rectangle screen) {
        String[] parts = stored == null ? new String[0] : stored.trim().split(",");
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            int x = Integer.parseInt(parts[0].trim());
            int y = Integer.parseInt(parts[1].trim());
            int width = Math.min(Integer.parseInt(parts[2].trim()), screen.width);
            int height = Math.min(Integer.parseInt(parts[3].trim()), screen.height);
            Rectangle bounds = new Rectangle(x, y, Math.max(width, MIN_WIDTH), Math.max(height, MIN_HEIGHT));
            return bounds.intersects(screen) ? Optional.of(bounds) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
