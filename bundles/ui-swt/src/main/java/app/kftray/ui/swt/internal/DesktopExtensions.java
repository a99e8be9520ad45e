package app.kftray.ui.swt.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The started {@link DesktopExtension}s of one desktop: started together, closed together. */
final class DesktopExtensions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopExtensions.class);

    private final List<AutoCloseable> started;

    private DesktopExtensions(List<AutoCloseable> started) {
        this.started = started;
    }

    /**
     * Starts every extension this bundle's class loader (with its fragments) provides; one that
     * fails is logged and left out.
     *
     * @param session what the desktop offers them
     * @return the started extensions
     */
    static DesktopExtensions start(DesktopSession session) {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            for (DesktopExtension extension
                    : ServiceLoader.load(DesktopExtension.class, DesktopExtension.class.getClassLoader())) {
                try {
                    started.add(extension.start(session));
                } catch (Exception e) {
                    LOG.warn("desktop extension {} did not start: {}", extension.getClass().getName(), e.toString());
                }
            }
        } catch (ServiceConfigurationError e) {
            LOG.warn("desktop extensions could not be loaded: {}", e.toString());
        }
        return new DesktopExtensions(started);
    }

    /** Closes the extensions, newest first; failures are logged. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing a desktop extension failed: {}", e.toString());
            }
        }
    }
}
