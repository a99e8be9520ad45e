package app.kftray.ui.swt.internal;

import java.util.Map;

/**
 * Guesses whether a tray icon will be visible. SWT can always create a tray item on GTK,
 * but it only shows up where a status-notifier host runs: not on a bare X server (no
 * desktop at all) and not on stock GNOME Shell. There the window opens at start instead.
 */
final class TrayHost {
    private TrayHost() {
    }

    /**
     * @param trayPresent whether SWT offers a system tray at all
     * @param environment the process environment
     * @return whether the tray icon is likely visible to the user
     */
    static boolean likelyVisible(boolean trayPresent, Map<String, String> environment) {
        if (!trayPresent) {
            return false;
        }
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return true;
        }
        String desktop = environment.getOrDefault("XDG_CURRENT_DESKTOP", "");
        return !desktop.isBlank() && !desktop.equalsIgnoreCase("GNOME");
    }
}
