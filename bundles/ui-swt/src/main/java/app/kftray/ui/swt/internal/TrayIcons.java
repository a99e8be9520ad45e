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
 * The three tray images, drawn in code: a plug-like ring in grey (nothing running), green
 * (all running) or red with an exclamation bar (some failing). Owns and disposes them.
 */
final class TrayIcons implements AutoCloseable {
    private static final int SIZE = 22;
    private final Map<OverallStatus, Image> images = new EnumMap<>(OverallStatus.class);

    TrayIcons(Display display) {
        images.put(OverallStatus.NONE_RUNNING, draw(display, new RGB(140, 140, 140), false));
        images.put(OverallStatus.ALL_RUNNING, draw(display, new RGB(46, 160, 67), false));
        images.put(OverallStatus.SOME_FAILING, draw(display, new RGB(207, 34, 46), true));
    }

    /** @return the image for a summary */
    Image image(OverallStatus status) {
        return images.get(status);
    }

    private static Image draw(Display display, RGB rgb, boolean alert) {
        // transparent background: start from an all-transparent image with an alpha channel
        ImageData data = new ImageData(SIZE, SIZE, 32, new PaletteData(0xFF00, 0xFF0000, 0xFF000000));
        data.alphaData = new byte[SIZE * SIZE];
        Image image = new Image(display, data);
        GC gc = new GC(image);
        Color color = new Color(rgb);
        try {
            gc.setAntialias(SWT.ON);
            gc.setAlpha(255);
            gc.setBackground(color);
            gc.fillOval(1, 1, SIZE - 2, SIZE - 2);
            gc.setBackground(display.getSystemColor(SWT.COLOR_WHITE));
            if (alert) {
                gc.fillRectangle(SIZE / 2 - 2, 5, 4, 8);
                gc.fillRectangle(SIZE / 2 - 2, 15, 4, 3);
            } else {
                // two arrows of a forward: a bar and a head
                gc.fillRectangle(5, SIZE / 2 - 2, 8, 4);
                gc.fillPolygon(new int[] {12, 5, 18, SIZE / 2, 12, SIZE - 5});
            }
        } finally {
            gc.dispose();
        }
        return image;
    }

    @Override
    public void close() {
        images.values().forEach(Image::dispose);
        images.clear();
    }
}
