package app.kftray.kube.internal.cluster;

import app.kftray.api.KubeAccess.PodChange;
import app.kftray.api.KubeAccess.PodWatcher;
import app.kftray.api.model.PodRef;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Translates fabric8 watch events of one pod into {@link PodChange}s, reporting only
 * transitions (a ready pod that stays ready is not news).
 */
final class PodWatch implements Watcher<Pod> {
    private final PodRef pod;
    private final PodWatcher watcher;
    private final AtomicReference<PodChange> last = new AtomicReference<>(PodChange.READY);

    PodWatch(PodRef pod, PodWatcher watcher) {
        this.pod = pod;
        this.watcher = watcher;
    }

    @Override
    public void eventReceived(Action action, Pod current) {
        boolean replaced = pod.uid() != null && current.getMetadata() != null
                && !pod.uid().equals(current.getMetadata().getUid());
        PodChange change = switch (action) {
            case DELETED -> PodChange.DELETED;
            case ADDED, MODIFIED -> replaced ? PodChange.DELETED
                    : PodReadiness.isReady(current) ? PodChange.READY : PodChange.NOT_READY;
            default -> null;
        };
        if (change != null && last.getAndSet(change) != change) {
            watcher.changed(pod, change);
        }
    }

    @Override
    public void onClose(WatcherException cause) {
        // the client does not retry (reconnect limit 0): the engine decides how to recover
        lost();
    }

    /** The API server stopped answering: the pod's state is unknown until it is watched again. */
    void lost() {
        if (last.getAndSet(PodChange.WATCH_LOST) != PodChange.WATCH_LOST) {
            watcher.changed(pod, PodChange.WATCH_LOST);
        }
    }
}
