package app.kftray.itests.tui;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A captured terminal screen written as text and drawn as a PNG: {@code tmux capture-pane -e}
 * output (text with SGR escape sequences for colours, bold and reverse) painted cell by cell
 * in a monospaced font, xterm's 256-colour palette on a dark background.
 */
final class ScreenPicture {
    private static final Color BACKGROUND = new Color(0x1e, 0x1e, 0x1e);
    private static final Color FOREGROUND = new Color(0xd0, 0xd0, 0xd0);
    private static final int[] BASE16 = {0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd,
        0xe5e5e5, 0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff};

    private ScreenPicture() {
    }

    /**
     * @param directory where to write
     * @param name      file name without extension
     * @param escaped   the screen with escape sequences
     */
    static void save(Path directory, String name, String escaped) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(name + ".txt"), escaped.replaceAll("\u001b\\[[0-9;]*m", ""),
                StandardCharsets.UTF_8);
        ImageIO.write(draw(escaped), "png", directory.resolve(name + ".png").toFile());
    }

    static BufferedImage draw(String escaped) {
        System.setProperty("java.awt.headless", "true");
        String[] lines = escaped.split("\n", -1);
        int rows = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        int columns = 0;
        for (int i = 0; i < rows; i++) {
            columns = Math.max(columns, lines[i].replaceAll("\u001b\\[[0-9;]*m", "").length());
        }
        Font font = new Font(Font.MONOSPACED, Font.PLAIN, 14);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        FontMetrics metrics = probe.createGraphics().getFontMetrics(font);
        int cellWidth = metrics.charWidth('M');
        int cellHeight = metrics.getHeight();
        BufferedImage image = new BufferedImage(Math.max(1, columns * cellWidth + 16), Math.max(1, rows * cellHeight + 16),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int row = 0; row < rows; row++) {
            drawLine(g, font, lines[row], 8, 8 + row * cellHeight, cellWidth, cellHeight, metrics.getAscent());
        }
        g.dispose();
        return image;
    }

    private static void drawLine(Graphics2D g, Font font, String line, int left, int top, int cellWidth,
                                 int cellHeight, int ascent) {
        Style style = new Style();
        int column = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\u001b' && i + 1 < line.length() && line.charAt(i + 1) == '[') {
                int end = line.indexOf('m', i);
                if (end > 0) {
                    style.apply(line.substring(i + 2, end));
                    i = end;
                    continue;
                }
            }
            int x = left + column * cellWidth;
            g.setColor(style.background());
            g.fillRect(x, top, cellWidth, cellHeight);
            g.setColor(style.foreground());
            g.setFont(style.bold ? font.deriveFont(Font.BOLD) : font);
            g.drawString(String.valueOf(c), x, top + ascent);
            if (style.underline) {
                g.drawLine(x, top + ascent + 1, x + cellWidth, top + ascent + 1);
            }
            column++;
        }
    }

    /** The SGR state while walking a line. */
    private static final class Style {
        Color fg;
        Color bg;
        boolean bold;
        boolean reverse;
        boolean underline;

        void apply(String codes) {
            String[] parts = codes.isEmpty() ? new String[] {"0"} : codes.split(";");
            for (int i = 0; i < parts.length; i++) {
                int code = parts[i].isEmpty() ? 0 : Integer.parseInt(parts[i]);
                if ((code == 38 || code == 48) && i + 2 < parts.length && "5".equals(parts[i + 1])) {
                    Color colour = indexed(Integer.parseInt(parts[i + 2]));
                    if (code == 38) {
                        fg = colour;
                    } else {
                        bg = colour;
                    }
                    i += 2;
                } else {
                    simple(code);
                }
            }
        }

        private void simple(int code) {
            switch (code) {
                case 0 -> {
                    fg = null;
                    bg = null;
                    bold = false;
                    reverse = false;
                    underline = false;
                }
                case 1 -> bold = true;
                case 4 -> underline = true;
                case 7 -> reverse = true;
                case 22 -> bold = false;
                case 24 -> underline = false;
                case 27 -> reverse = false;
                case 39 -> fg = null;
                case 49 -> bg = null;
                default -> {
                    if (code >= 30 && code <= 37) {
                        fg = indexed(code - 30);
                    } else if (code >= 40 && code <= 47) {
                        bg = indexed(code - 40);
                    } else if (code >= 90 && code <= 97) {
                        fg = indexed(code - 90 + 8);
                    } else if (code >= 100 && code <= 107) {
                        bg = indexed(code - 100 + 8);
                    }
                }
            }
        }

        Color foreground() {
            Color f = fg == null ? FOREGROUND : fg;
            Color b = bg == null ? BACKGROUND : bg;
            return reverse ? b : f;
        }

        Color background() {
            Color f = fg == null ? FOREGROUND : fg;
            Color b = bg == null ? BACKGROUND : bg;
            return reverse ? f : b;
        }
    }

    /** xterm's 256 colours: 16 base colours, a 6×6×6 cube and 24 greys. */
    static Color indexed(int index) {
        if (index < 16) {
            return new Color(BASE16[index]);
        }
        if (index < 232) {
            int cube = index - 16;
            return new Color(level(cube / 36), level(cube / 6 % 6), level(cube % 6));
        }
        int grey = 8 + (index - 232) * 10;
        return new Color(grey, grey, grey);
    }

    private static int level(int step) {
        return step == 0 ? 0 : 55 + step * 40;
    }
}
