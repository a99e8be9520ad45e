package app.kftray.kube.internal.cluster;

import app.kftray.api.KubeAccess.PodChange;
import app.kftray.api.KubeAccess.PodWatcher;
import app.kftray.api.model.PodRef;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One subscriber's view of one pod on a shared namespace watch: what the watch saw of pods with
 * this name becomes a {@link PodChange}, and only transitions are reported (a ready pod that
 * stays ready is not news).
 */
final class PodWatch {
    private final PodRef pod;
    private final PodWatcher watcher;
    private final AtomicReference<PodChange> last = new AtomicReference<>(PodChange.READY);

    PodWatch(PodRef pod, PodWatcher watcher) {
        this.pod = pod;
        this.watcher = watcher;
    }

    PodRef pod() {
        return pod;
    }

    /**
     * @param state what the watch saw of a pod with this one's name; another uid means this one was replaced
     */
    void seen(PodState state) {
        boolean replaced = pod.uid() != null && state.uid() != null && !pod.uid().equals(state.uid());
        report(state.deleted() || replaced ? PodChange.DELETED : state.ready() ? PodChange.READY : PodChange.NOT_READY);
    }

    /** The watch broke or the API server stopped answering: the pod's state is unknown until it is watched again. */
    void lost() {
        report(PodChange.WATCH_LOST);
    }

    private void report(PodChange change) {
        if (last.getAndSet(change) != change) {
            watcher.changed(pod, change);
        }
    }

    /**
     * What a watch event told of a pod.
     *
     * @param uid     its uid
     * @param deleted whether it is gone
     * @param ready   whether its Ready condition is true
     */
    record PodState(String uid, boolean deleted, boolean ready) {
    }
}
