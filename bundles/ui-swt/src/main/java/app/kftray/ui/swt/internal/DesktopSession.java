package app.kftray.ui.swt.internal;

import app.kftray.api.NetworkRuntime;
import java.util.function.Supplier;

/**
 * What the running desktop offers its {@link DesktopExtension extensions}.
 *
 * @param ui            the UI thread
 * @param desktop       the UI, {@code null} while it is not up
 * @param restartBundle stops and starts this bundle (off the UI thread)
 * @param network       the shared event loops
 * @param automation    settings of the automation hook
 */
record DesktopSession(UiThread ui, Supplier<Desktop> desktop, Runnable restartBundle, NetworkRuntime network,
                      AutomationConfiguration automation) {
}
