package app.kftray.ui.swt.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;

/** Copies part of the screen into a PNG file, as the user sees it (menus and tooltips included). */
final class Screenshots {
    private Screenshots() {
    }

    /**
     * @param display the display
     * @param area    screen area to copy
     * @param file    PNG to write (parent directories are created)
     */
    static void capture(Display display, Rectangle area, Path file) throws java.io.IOException {
        Rectangle visible = area.intersection(display.getBounds());
        if (visible.isEmpty()) {
            throw new IllegalArgumentException("area " + area + " is off screen");
        }
        Image image = new Image(display, visible.width, visible.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, visible.x, visible.y);
            ImageData data = image.getImageData();
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {data};
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
