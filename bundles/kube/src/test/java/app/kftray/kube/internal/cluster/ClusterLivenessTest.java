package app.kftray.kube.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.KubeAccess.PodChange;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.PodRef;
import app.kftray.kube.internal.cluster.ClusterLiveness.Answer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClusterLivenessTest {
    private static final ClusterRef CLUSTER = new ClusterRef("/kubeconfig", "dev");
    private static final PodRef POD = new PodRef(CLUSTER, "dev", "web-1", "uid-1");

    private final List<PodChange> changes = new CopyOnWriteArrayList<>();
    private final List<ClusterRef> forgotten = new CopyOnWriteArrayList<>();

    @Test
    void oneSlowAnswerIsNotAnOutageButTwoInARowAre() throws Exception {
        assertEquals(List.of(), run(Answer.SLOW, Answer.ANSWERED, Answer.SLOW, Answer.ANSWERED));
        assertEquals(List.of(PodChange.WATCH_LOST), run(Answer.SLOW, Answer.SLOW));
        assertEquals(List.of(CLUSTER), forgotten);
    }

    @Test
    void anErrorIsAnOutageAtOnce() throws Exception {
        assertEquals(List.of(PodChange.WATCH_LOST), run(Answer.FAILED));
        assertEquals(List.of(CLUSTER), forgotten);
    }

    @Test
    void answersKeepTheWatches() throws Exception {
        assertEquals(List.of(), run(Answer.ANSWERED, Answer.ANSWERED, Answer.ANSWERED));
        assertTrue(forgotten.isEmpty());
    }

    /** @return what the watched pod's watcher heard while the cluster gave these answers, in order */
    private List<PodChange> run(Answer... answers) throws InterruptedException {
        changes.clear();
        BlockingQueue<Answer> script = new LinkedBlockingQueue<>(List.of(answers));
        BlockingQueue<Boolean> asked = new LinkedBlockingQueue<>();
        try (ClusterLiveness liveness = new ClusterLiveness(cluster -> {
            Answer next = script.poll();
            asked.add(next != null);
            return next != null ? next : Answer.ANSWERED;
        }, forgotten::add, 5)) {
            liveness.add(CLUSTER, new PodWatch(POD, (pod, change) -> changes.add(change)));
            for (int i = 0; i <= answers.length; i++) {
                assertNotNull(asked.poll(5, TimeUnit.SECONDS), "asked again");
            }
        }
        return List.copyOf(changes);
    }
}
