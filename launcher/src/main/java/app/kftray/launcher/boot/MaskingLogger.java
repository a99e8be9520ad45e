package app.kftray.launcher.boot;

import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger that formats each message, masks credentials in it ({@link LogMasker}) and hands it to the backend. */
final class MaskingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    private final transient Logger backend;

    MaskingLogger(Logger backend) {
        this.backend = backend;
        this.name = backend.getName();
    }

    @Override
    public boolean isTraceEnabled() {
        return backend.isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return backend.isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return backend.isInfoEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return backend.isWarnEnabled();
    }

    @Override
    public boolean isErrorEnabled() {
        return backend.isErrorEnabled();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        String text = LogMasker.mask(MessageFormatter.basicArrayFormat(pattern, arguments));
        switch (level) {
            case ERROR -> backend.error(text, throwable);
            case WARN -> backend.warn(text, throwable);
            case INFO -> backend.info(text, throwable);
            case DEBUG -> backend.debug(text, throwable);
            default -> backend.trace(text, throwable);
        }
    }
}
