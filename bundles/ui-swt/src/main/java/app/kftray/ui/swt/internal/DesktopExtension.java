package app.kftray.ui.swt.internal;

/**
 * Something a fragment of this bundle adds to the running desktop, such as the tests' automation
 * hook. The desktop finds extensions with {@link java.util.ServiceLoader} in this bundle's class
 * loader, which sees a fragment's {@code META-INF/services} because the fragment shares it; so
 * this bundle never names an extension's classes.
 */
public interface DesktopExtension {
    /**
     * Starts the extension with the desktop; called once per activation of the desktop component.
     *
     * @param session what the running desktop offers
     * @return what to close when the desktop stops
     * @throws Exception if the extension cannot start (the desktop runs on without it)
     */
    AutoCloseable start(DesktopSession session) throws Exception;
}
