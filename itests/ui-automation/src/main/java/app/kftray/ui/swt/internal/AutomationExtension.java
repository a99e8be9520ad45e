package app.kftray.ui.swt.internal;

/**
 * Adds the automation hook to the desktop: the desktop finds this class through this
 * fragment's {@code META-INF/services} entry and starts it with every activation.
 */
public final class AutomationExtension implements DesktopExtension {
    /** For {@link java.util.ServiceLoader}. */
    public AutomationExtension() {
    }

    @Override
    public AutoCloseable start(DesktopSession session) {
        return AutomationServer.start(session.network().group(), session.automation().port(),
                new AutomationCommands(session.ui(), session.desktop(), session.restartBundle()));
    }
}
