package app.kftray.ui.swt.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.ToolTip;
import org.eclipse.swt.widgets.TrayItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the user about failures and recoveries without blocking: a balloon on the tray
 * icon when there is one, otherwise a non-modal tooltip over the main window. Keeps the
 * last messages so the window's status line (and tests) can show them.
 */
final class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final int KEPT = 20;

    private final ToolTip balloon;
    private final Deque<String> recent = new ArrayDeque<>();
    private final NotificationLimiter limiter = NotificationLimiter.standard();

    /**
     * @param owner the shell the tooltip belongs to
     * @param tray  the tray item to attach the balloon to, or {@code null}
     */
    Notifier(Shell owner, TrayItem tray) {
        balloon = new ToolTip(owner, SWT.BALLOON | SWT.ICON_INFORMATION);
        WidgetIds.name(balloon, "notification");
        if (tray != null) {
            tray.setToolTip(balloon);
        }
    }

    /**
     * Shows a notification about a forward unless too many came lately (see {@link NotificationLimiter}).
     *
     * @param subject what it is about, e.g. the forward and the kind of event
     * @param message what happened, one sentence
     * @param error   whether it is a failure
     */
    void notify(String subject, String message, boolean error) {
        limiter.admit(subject, message).ifPresentOrElse(text -> show(text, error),
                () -> LOG.info("notification held back: {}", message));
    }

    /** @return how many notifications are held back since the last one shown */
    int heldBack() {
        return limiter.heldBack();
    }

    /**
     * @param message what happened, one sentence
     * @param error   whether it is a failure
     */
    void show(String message, boolean error) {
        LOG.info("notification: {}", message);
        recent.addFirst(message);
        while (recent.size() > KEPT) {
            recent.removeLast();
        }
        if (balloon.isDisposed()) {
            return;
        }
        balloon.setText(error ? "kftray: problem" : "kftray");
        balloon.setMessage(message);
        balloon.setVisible(true);
    }

    /** @return the latest messages, newest first */
    List<String> recent() {
        return List.copyOf(recent);
    }
}
