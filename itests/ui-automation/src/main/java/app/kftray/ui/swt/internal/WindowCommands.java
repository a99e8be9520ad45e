package app.kftray.ui.swt.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;

/**
 * Automation commands about whole windows: keyboard input, bounds, labels and mnemonics, what
 * fits, the clipboard, the tray icon's state and pictures of it.
 */
final class WindowCommands {
    private WindowCommands() {
    }

    /**
     * Types a key combination through the display's input queue (as the keyboard does), e.g.
     * {@code ctrl+n}, {@code ctrl+shift+r}, {@code space}, {@code delete}.
     */
    static Object key(Display display, String combo) {
        List<Integer> modifiers = new ArrayList<>();
        String[] parts = combo.toLowerCase(Locale.ROOT).split("\\+");
        for (int i = 0; i < parts.length - 1; i++) {
            modifiers.add(switch (parts[i]) {
                case "ctrl" -> SWT.CTRL;
                case "shift" -> SWT.SHIFT;
                case "alt" -> SWT.ALT;
                default -> throw new IllegalArgumentException("unknown modifier '" + parts[i] + "'");
            });
        }
        String key = parts[parts.length - 1];
        Event down = new Event();
        down.type = SWT.KeyDown;
        switch (key) {
            case "space" -> down.character = ' ';
            case "delete" -> down.character = SWT.DEL;
            case "enter" -> down.character = SWT.CR;
            case "escape" -> down.character = SWT.ESC;
            default -> {
                if (key.length() != 1) {
                    throw new IllegalArgumentException("unknown key '" + key + "'");
                }
                down.character = key.charAt(0);
            }
        }
        down.keyCode = down.character == SWT.DEL ? SWT.DEL : down.character;
        for (int modifier : modifiers) {
            post(display, SWT.KeyDown, modifier);
        }
        display.post(down);
        Event up = new Event();
        up.type = SWT.KeyUp;
        up.character = down.character;
        up.keyCode = down.keyCode;
        display.post(up);
        for (int i = modifiers.size() - 1; i >= 0; i--) {
            post(display, SWT.KeyUp, modifiers.get(i));
        }
        return null;
    }

    private static void post(Display display, int type, int keyCode) {
        Event event = new Event();
        event.type = type;
        event.keyCode = keyCode;
        if (!display.post(event)) {
            throw new IllegalStateException("the display refused synthetic key input");
        }
    }

    /** @return the shell's bounds as {@code x,y,width,height} */
    static String bounds(Shell shell) {
        Rectangle b = shell.getBounds();
        return b.x + "," + b.y + "," + b.width + "," + b.height;
    }

    /** Moves and resizes a window as a window manager does (move and resize events follow). */
    static Object setBounds(Shell shell, List<String> numbers) {
        shell.setBounds(Integer.parseInt(numbers.get(0)), Integer.parseInt(numbers.get(1)),
                Integer.parseInt(numbers.get(2)), Integer.parseInt(numbers.get(3)));
        return bounds(shell);
    }

    /**
     * @return the input controls of a window without a caption (a label before them, their own
     *         text, or an accessible name) and the captions and buttons without a mnemonic
     */
    static String unlabelled(Shell shell) {
        List<String> problems = new ArrayList<>();
        collectUnlabelled(shell, problems);
        return String.join(", ", problems);
    }

    private static void collectUnlabelled(Composite parent, List<String> problems) {
        Control[] children = parent.getChildren();
        for (int i = 0; i < children.length; i++) {
            Control control = children[i];
            String id = WidgetIds.of(control) == null ? control.getClass().getSimpleName() : WidgetIds.of(control);
            if (control instanceof Text || control instanceof Combo || control instanceof Tree
                    || control instanceof Table) {
                boolean named = control.getData(Accessibility.NAME_KEY) != null;
                Label caption = i > 0 && children[i - 1] instanceof Label l && !l.getText().isEmpty() ? l : null;
                if (!named && caption == null) {
                    problems.add(id + " has no label");
                } else if (!named && !caption.getText().contains("&")) {
                    problems.add(id + " label '" + caption.getText() + "' has no mnemonic");
                }
            } else if (control instanceof Button button && (button.getStyle() & (SWT.PUSH | SWT.CHECK)) != 0
                    && !button.getText().isEmpty() && !button.getText().contains("&")) {
                problems.add(id + " '" + button.getText() + "' has no mnemonic");
            }
            if (control instanceof Composite composite) {
                collectUnlabelled(composite, problems);
            }
        }
    }

    /** @return the visible controls that lie (partly) outside their window's client area */
    static String outside(Shell shell) {
        List<String> problems = new ArrayList<>();
        Rectangle area = shell.getDisplay().map(shell, null, shell.getClientArea());
        collectOutside(shell, area, problems);
        return String.join(", ", problems);
    }

    private static void collectOutside(Composite parent, Rectangle area, List<String> problems) {
        for (Control control : parent.getChildren()) {
            if (!control.isVisible() || control instanceof Label l && l.getText().isEmpty()) {
                continue; // an empty caption takes no room
            }
            Rectangle bounds = control.getDisplay().map(control.getParent(), null, control.getBounds());
            if (!area.contains(bounds.x, bounds.y) || !area.contains(bounds.x + bounds.width - 1,
                    bounds.y + bounds.height - 1) || bounds.width <= 1 || bounds.height <= 1) {
                String id = WidgetIds.of(control);
                problems.add((id == null ? control.getClass().getSimpleName() : id) + " at " + bounds);
            }
            if (control instanceof Composite composite && !(control instanceof Tree) && !(control instanceof Table)
                    && !(control instanceof org.eclipse.swt.custom.ScrolledComposite)) { // its content scrolls into view
                collectOutside(composite, area, problems);
            }
        }
    }

    /** @return every item of the window's menu bar as {@code text} (mnemonic and shortcut included) */
    static String menuBar(Shell shell) {
        Menu bar = shell.getMenuBar();
        if (bar == null) {
            throw new IllegalArgumentException("the window has no menu bar");
        }
        List<String> items = new ArrayList<>();
        for (MenuItem header : bar.getItems()) {
            for (MenuItem item : header.getMenu().getItems()) {
                if ((item.getStyle() & SWT.SEPARATOR) == 0) {
                    items.add(header.getText() + " > " + item.getText().replace('\t', ' ')
                            + (item.getAccelerator() == 0 ? " [no accelerator]" : ""));
                }
            }
        }
        return String.join(" | ", items);
    }

    /** @return the clipboard's text */
    static String clipboard(Display display) {
        Clipboard clipboard = new Clipboard(display);
        try {
            Object text = clipboard.getContents(TextTransfer.getInstance());
            return text == null ? "" : text.toString().replace('\n', ' ');
        } finally {
            clipboard.dispose();
        }
    }

    /**
     * @return the summary the tray shows, checked against the image the tray item holds, and the tooltip
     */
    static String trayState(Desktop desktop) {
        OverallStatus overall = desktop.model().overall();
        if (desktop.trayItem() == null) {
            throw new IllegalStateException("no tray on this display");
        }
        if (desktop.trayItem().getImage() != desktop.icons().image(overall)) {
            throw new IllegalStateException("the tray image is not the one for " + overall);
        }
        return overall + " " + desktop.trayItem().getToolTipText();
    }

    /**
     * Draws the icon of the tray's current state at every size on a light and a dark panel, as
     * panels show it (Xvfb has no tray host to take a picture of).
     */
    static Object trayIcons(Desktop desktop, Path file) {
        OverallStatus overall = OverallStatus.valueOf(trayState(desktop).split(" ")[0]);
        Display display = desktop.display();
        int cell = 40;
        Image sheet = new Image(display, cell * TrayIcons.SIZES.length, cell * 2);
        GC gc = new GC(sheet);
        try {
            RGB[] panels = {new RGB(240, 240, 240), new RGB(40, 40, 44)};
            for (int row = 0; row < panels.length; row++) {
                gc.setBackground(new Color(panels[row]));
                gc.fillRectangle(0, row * cell, cell * TrayIcons.SIZES.length, cell);
                for (int i = 0; i < TrayIcons.SIZES.length; i++) {
                    int size = TrayIcons.SIZES[i];
                    Image icon = TrayIcons.draw(display, overall, size);
                    gc.drawImage(icon, i * cell + (cell - size) / 2, row * cell + (cell - size) / 2);
                    icon.dispose();
                }
            }
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {sheet.getImageData()};
            java.nio.file.Files.createDirectories(file.getParent());
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            gc.dispose();
            sheet.dispose();
        }
        return overall;
    }
}
