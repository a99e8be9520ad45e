package app.kftray.ui.tui.internal;

import app.kftray.api.model.ForwardStatus;
import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.Map;

/**
 * The look of each kind of text: 256 colours, or bold/reverse only when the user asked for no
 * colour ({@code NO_COLOR}, see no-color.org) so the screen still reads on a monochrome terminal.
 */
final class Palette {
    /** Kinds of text on screen. */
    enum Style { NORMAL, TITLE, HEADER, GROUP, SELECTED, RUNNING, STOPPED, WARNING, FAILED, ERROR, HINT, KEY, INPUT }

    private final boolean colour;

    private Palette(boolean colour) {
        this.colour = colour;
    }

    /**
     * @param environment the process environment
     * @return monochrome when {@code NO_COLOR} is set to anything but the empty string
     */
    static Palette of(Map<String, String> environment) {
        String noColour = environment.get("NO_COLOR");
        return new Palette(noColour == null || noColour.isEmpty());
    }

    boolean colour() {
        return colour;
    }

    /** @return the style a status is written in */
    static Style of(ForwardStatus status) {
        return switch (status) {
            case RUNNING -> Style.RUNNING;
            case STARTING, RECONNECTING, DEGRADED -> Style.WARNING;
            case FAILED -> Style.FAILED;
            default -> Style.STOPPED;
        };
    }

    /** Sets colours and modifiers of {@code g} for {@code style}. */
    void apply(TextGraphics g, Style style) {
        g.clearModifiers();
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        if (colour) {
            colours(g, style);
        } else {
            modifiers(g, style);
        }
    }

    private static void colours(TextGraphics g, Style style) {
        switch (style) {
            case TITLE -> {
                g.setForegroundColor(new TextColor.Indexed(231));
                g.setBackgroundColor(new TextColor.Indexed(25));
                g.enableModifiers(SGR.BOLD);
            }
            case HEADER -> {
                g.setForegroundColor(new TextColor.Indexed(252));
                g.setBackgroundColor(new TextColor.Indexed(238));
                g.enableModifiers(SGR.BOLD);
            }
            case GROUP -> {
                g.setForegroundColor(new TextColor.Indexed(110));
                g.enableModifiers(SGR.BOLD);
            }
            case SELECTED -> {
                g.setForegroundColor(new TextColor.Indexed(231));
                g.setBackgroundColor(new TextColor.Indexed(24));
            }
            case RUNNING -> g.setForegroundColor(new TextColor.Indexed(42));
            case STOPPED -> g.setForegroundColor(new TextColor.Indexed(245));
            case WARNING -> g.setForegroundColor(new TextColor.Indexed(214));
            case FAILED, ERROR -> {
                g.setForegroundColor(new TextColor.Indexed(203));
                g.enableModifiers(SGR.BOLD);
            }
            case HINT -> g.setForegroundColor(new TextColor.Indexed(250));
            case KEY -> {
                g.setForegroundColor(new TextColor.Indexed(229));
                g.enableModifiers(SGR.BOLD);
            }
            case INPUT -> {
                g.setForegroundColor(new TextColor.Indexed(231));
                g.setBackgroundColor(new TextColor.Indexed(237));
            }
            default -> {
                // terminal defaults
            }
        }
    }

    private static void modifiers(TextGraphics g, Style style) {
        switch (style) {
            case TITLE, HEADER, SELECTED, INPUT -> g.enableModifiers(SGR.REVERSE);
            case GROUP, RUNNING, FAILED, ERROR, KEY -> g.enableModifiers(SGR.BOLD);
            case WARNING -> g.enableModifiers(SGR.BOLD, SGR.UNDERLINE);
            default -> {
                // plain text
            }
        }
    }
}
