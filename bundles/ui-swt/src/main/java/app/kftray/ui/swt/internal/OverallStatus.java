package app.kftray.ui.swt.internal;

import app.kftray.api.model.ForwardStatus;
import java.util.Collection;

/** What the tray icon shows: the state of all forwards at a glance. */
enum OverallStatus {
    /** Nothing is running. */
    NONE_RUNNING("no forward running"),
    /** Every forward that was started is running. */
    ALL_RUNNING("all forwards running"),
    /** At least one forward failed, is reconnecting or is degraded. */
    SOME_FAILING("some forwards degraded or failing");

    private final String description;

    OverallStatus(String description) {
        this.description = description;
    }

    /** @return a phrase for the tray tooltip */
    String description() {
        return description;
    }

    /**
     * @param statuses the status of every known forward
     * @return the summary
     */
    static OverallStatus of(Collection<ForwardStatus> statuses) {
        boolean running = false;
        for (ForwardStatus status : statuses) {
            if (status == ForwardStatus.FAILED || status == ForwardStatus.RECONNECTING
                    || status == ForwardStatus.DEGRADED) {
                return SOME_FAILING;
            }
            running |= status.isActive();
        }
        return running ? ALL_RUNNING : NONE_RUNNING;
    }
}
