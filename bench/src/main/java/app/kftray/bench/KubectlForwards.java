package app.kftray.bench;

import app.kftray.emulator.Kubectl;
import app.kftray.emulator.KubectlPortForward;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code kubectl port-forward} processes of a benchmark, one per target. kubectl exits when a pod's connection
 * is reset ("lost connection to pod"), as iperf3 and some web servers do; a user then starts it again, and so does
 * {@link #running()}, saying why it had stopped.
 */
final class KubectlForwards implements AutoCloseable {
    private final Kubectl kubectl;
    private final Duration startTimeout;
    private final Map<String, Integer> targets;
    private final Map<String, KubectlPortForward> forwards = new LinkedHashMap<>();
    private int restarts;

    /**
     * @param targets each target ({@code pod/echo}) and its remote port, in the order {@link #running()} returns them
     */
    KubectlForwards(Kubectl kubectl, Map<String, Integer> targets, Duration startTimeout) throws Exception {
        this.kubectl = kubectl;
        this.targets = targets;
        this.startTimeout = startTimeout;
        running();
    }

    /** @return the live forwards, in the order of the targets; those that had exited are started again */
    List<KubectlPortForward> running() throws IOException, InterruptedException {
        List<KubectlPortForward> live = new ArrayList<>();
        for (Map.Entry<String, Integer> target : targets.entrySet()) {
            KubectlPortForward forward = forwards.get(target.getKey());
            if (forward != null && !forward.isAlive()) {
                System.err.println("kubectl port-forward " + target.getKey() + " had exited; it printed:\n"
                        + tail(forward.output(), 8) + "\nstarting it again");
                restarts++;
                forward = null;
            }
            if (forward == null) {
                forward = kubectl.portForward(target.getKey(), target.getValue(), true, startTimeout);
                forwards.put(target.getKey(), forward);
            }
            live.add(forward);
        }
        return live;
    }

    /** @return how often a kubectl had exited and was started again */
    int restarts() {
        return restarts;
    }

    private static String tail(String text, int lines) {
        List<String> all = List.of(text.split("\n"));
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() throws InterruptedException {
        for (KubectlPortForward forward : forwards.values()) {
            forward.close();
        }
    }
}
