package app.kftray.ui.tui.internal;

import app.kftray.api.model.ForwardConfig;

/** How values read on a terminal: targets, cells cut to their width (byte counts: {@link app.kftray.api.model.ByteCount}). */
final class Text {
    private Text() {
    }

    /** @return where the forward points, kubectl style ({@code svc/web:80}) */
    static String target(ForwardConfig config) {
        String port = orEmpty(config.remotePort());
        if (config.workloadType() == null) {
            return "svc/" + orEmpty(config.service()) + ":" + port;
        }
        return switch (config.workloadType()) {
            case POD -> "pod/" + orEmpty(config.target()) + ":" + port;
            case PROXY -> "proxy/" + orEmpty(config.remoteAddress()) + ":" + port;
            case NAMESPACE -> "ns/" + orEmpty(config.namespace());
            default -> "svc/" + orEmpty(config.service()) + ":" + port;
        };
    }

    /**
     * @param text  any text, may be {@code null}
     * @param width cells available
     * @return the text padded or cut (with an ellipsis) to exactly {@code width} cells
     */
    static String fit(String text, int width) {
        if (width <= 0) {
            return "";
        }
        String value = text == null ? "" : text.replace('\n', ' ').replace('\t', ' ');
        if (value.length() > width) {
            return width == 1 ? "…" : value.substring(0, width - 1) + "…";
        }
        return value + " ".repeat(width - value.length());
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
