package app.kftray.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits a starting runtime's CPU time by what its threads do: the JIT compilers, the garbage collector,
 * the launcher and the framework's start (the threads that install, resolve and activate bundles), and
 * the rest. Threads that already ended (the Kubernetes client's warm-up, most often) are in none of the
 * live samples: their time is the process total less what the live threads account for.
 */
final class StartupCpu {
    private StartupCpu() {
    }

    /**
     * @param threads   the live threads' counters at the moment
     * @param totalMillis the whole process's CPU time at the same moment
     * @return milliseconds of CPU per group, in a fixed order
     */
    static Map<String, Double> byGroup(Map<String, ThreadCpu.Sample> threads, double totalMillis) {
        Map<String, Double> groups = new LinkedHashMap<>();
        for (String group : new String[] {"JIT compilers", "garbage collector", "launcher and framework start",
                "forwards, clients and the rest", "threads that ended"}) {
            groups.put(group, 0.0);
        }
        double live = 0;
        for (ThreadCpu.Sample thread : threads.values()) {
            double millis = thread.cpuNanos() / 1e6;
            live += millis;
            groups.merge(groupOf(thread.name()), millis, Double::sum);
        }
        groups.put("threads that ended", Math.max(0, totalMillis - live));
        return groups;
    }

    private static String groupOf(String thread) {
        if (thread.startsWith("C1 CompilerThre") || thread.startsWith("C2 CompilerThre")) {
            return "JIT compilers";
        }
        if (thread.startsWith("GC Thread") || thread.startsWith("G1 ") || thread.equals("VM Thread")) {
            return "garbage collector";
        }
        if (thread.equals("java") || thread.startsWith("Felix")) {
            return "launcher and framework start";
        }
        return "forwards, clients and the rest";
    }
}
