package app.kftray.emulator.world;

import app.kftray.emulator.store.KubeObjects;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a pod's status the way the kubelet reports it: phase, the four standard conditions, one
 * container status per container, pod and host IP. kubectl's READY/STATUS columns and its pod choice
 * (Running, Ready, ready longer) read these fields.
 */
final class PodStatus {
    static final String NODE = "emulator-node";
    static final String HOST_IP = "172.18.0.2";

    private PodStatus() {
    }

    static boolean isReady(JsonNode pod) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                return "True".equals(c.path("status").asText());
            }
        }
        return false;
    }

    static String phase(JsonNode pod) {
        return pod.path("status").path("phase").asText("");
    }

    /** Sets phase and readiness, keeping transition times of conditions that did not change. */
    static ObjectNode apply(ObjectNode pod, String phase, boolean ready, String podIp) {
        pod.withObjectProperty("spec").put("nodeName", NODE);
        ObjectNode old = pod.path("status").isObject() ? (ObjectNode) pod.get("status") : null;
        String now = KubeObjects.now();
        ObjectNode status = pod.putObject("status");
        status.put("phase", phase);
        boolean running = "Running".equals(phase);
        ArrayNode conditions = status.putArray("conditions");
        condition(conditions, old, "Initialized", true, now);
        condition(conditions, old, "Ready", ready, now);
        condition(conditions, old, "ContainersReady", ready, now);
        condition(conditions, old, "PodScheduled", true, now);
        status.put("hostIP", HOST_IP);
        status.putArray("hostIPs").addObject().put("ip", HOST_IP);
        status.put("podIP", podIp);
        status.putArray("podIPs").addObject().put("ip", podIp);
        status.put("startTime", old != null && old.has("startTime") ? old.get("startTime").asText() : now);
        status.put("qosClass", "BestEffort");
        ArrayNode containerStatuses = status.putArray("containerStatuses");
        for (JsonNode c : pod.path("spec").path("containers")) {
            ObjectNode cs = containerStatuses.addObject();
            cs.put("name", c.path("name").asText());
            cs.put("image", c.path("image").asText());
            cs.put("imageID", "");
            cs.put("ready", ready);
            cs.put("started", running);
            cs.put("restartCount", 0);
            ObjectNode state = cs.putObject("state");
            if (running) {
                state.putObject("running").put("startedAt", status.get("startTime").asText());
                cs.put("containerID", "emulator://" + KubeObjects.uid(pod) + "/" + c.path("name").asText());
            } else {
                state.putObject("waiting").put("reason", "ContainerCreating");
            }
        }
        return pod;
    }

    private static void condition(ArrayNode conditions, ObjectNode oldStatus, String type, boolean value,
            String now) {
        String status = value ? "True" : "False";
        String since = now;
        if (oldStatus != null) {
            for (JsonNode c : oldStatus.path("conditions")) {
                if (type.equals(c.path("type").asText()) && status.equals(c.path("status").asText())) {
                    since = c.path("lastTransitionTime").asText(now);
                }
            }
        }
        conditions.addObject().put("type", type).put("status", status).putNull("lastProbeTime")
                .put("lastTransitionTime", since);
    }
}
