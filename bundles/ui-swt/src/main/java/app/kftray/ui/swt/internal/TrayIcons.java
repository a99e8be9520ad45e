package app.kftray.ui.swt.internal;

import java.util.EnumMap;
import java.util.Map;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;

/**
 * The three tray images, drawn in code at any size from 16 to 32 pixels. The states differ in
 * shape as well as colour (so they read without colour vision): a hollow grey ring (nothing
 * running), a filled green disc with an arrow (all running), an orange-red triangle with an
 * exclamation mark (some degraded or failing). A dark outline around a light fill keeps each one
 * visible on light and dark panels alike. Owns and disposes the images it made.
 */
final class TrayIcons implements AutoCloseable {
    /** Sizes the icon is drawn at: the common tray sizes of Linux panels, Windows and macOS. */
    static final int[] SIZES = {16, 22, 24, 32};
    private static final int TRAY_SIZE = 22;
    private static final RGB OUTLINE = new RGB(40, 40, 40);
    private static final RGB WHITE = new RGB(255, 255, 255);

    private final Display display;
    private final Map<OverallStatus, Image> images = new EnumMap<>(OverallStatus.class);

    TrayIcons(Display display) {
        this.display = display;
        for (OverallStatus status : OverallStatus.values()) {
            images.put(status, draw(display, status, TRAY_SIZE));
        }
    }

    /** @return the tray-sized image for a summary */
    Image image(OverallStatus status) {
        return images.get(status);
    }

    /** @return the display the images belong to */
    Display display() {
        return display;
    }

    /**
     * @param display the display
     * @param status  the summary to show
     * @param size    edge length in pixels (16 to 32)
     * @return a new image with a transparent background; the caller disposes it
     */
    static Image draw(Display display, OverallStatus status, int size) {
        ImageData data = new ImageData(size, size, 32, new PaletteData(0xFF00, 0xFF0000, 0xFF000000));
        data.alphaData = new byte[size * size];
        Image image = new Image(display, data);
        GC gc = new GC(image);
        try {
            gc.setAntialias(SWT.ON);
            gc.setAlpha(255);
            gc.setLineWidth(Math.max(1, size / 16));
            switch (status) {
                case NONE_RUNNING -> ring(gc, size);
                case ALL_RUNNING -> disc(gc, size);
                case SOME_FAILING -> warning(gc, size);
            }
        } finally {
            gc.dispose();
        }
        return image;
    }

    /** A thick light-grey ring with a dark edge on both sides, hollow in the middle: nothing running. */
    private static void ring(GC gc, int size) {
        int band = Math.max(3, size / 5);
        int inset = band / 2 + 1;
        int d = size - 2 * inset;
        Color outline = new Color(OUTLINE);
        gc.setForeground(outline);
        gc.setLineWidth(band + 2);
        gc.drawOval(inset, inset, d, d);
        gc.setForeground(new Color(new RGB(205, 205, 205)));
        gc.setLineWidth(band);
        gc.drawOval(inset, inset, d, d);
    }

    /** A green disc with a white forward arrow: all running. */
    private static void disc(GC gc, int size) {
        fill(gc, OUTLINE, () -> gc.fillOval(0, 0, size, size));
        fill(gc, new RGB(46, 170, 70), () -> gc.fillOval(1, 1, size - 2, size - 2));
        int bar = Math.max(2, size / 6);
        int mid = size / 2;
        fill(gc, WHITE, () -> {
            gc.fillRectangle(size / 5, mid - bar / 2, size / 2 - size / 10, bar);
            gc.fillPolygon(new int[] {mid, size / 4, size - size / 5, mid, mid, size - size / 4});
        });
    }

    /** An orange-red triangle with a white exclamation mark: some degraded or failing. */
    private static void warning(GC gc, int size) {
        int[] outer = {size / 2, 0, size - 1, size - 1, 0, size - 1};
        int[] inner = {size / 2, 2, size - 3, size - 2, 2, size - 2};
        fill(gc, OUTLINE, () -> gc.fillPolygon(outer));
        fill(gc, new RGB(230, 81, 0), () -> gc.fillPolygon(inner));
        int w = Math.max(2, size / 8);
        int x = size / 2 - w / 2;
        fill(gc, WHITE, () -> {
            gc.fillRectangle(x, size * 3 / 8, w, size * 3 / 10);
            gc.fillRectangle(x, size * 3 / 4, w, w);
        });
    }

    private static void fill(GC gc, RGB rgb, Runnable paint) {
        Color color = new Color(rgb);
        gc.setBackground(color);
        paint.run();
    }

    @Override
    public void close() {
        images.values().forEach(Image::dispose);
        images.clear();
    }
}
