package app.kftray.launcher.boot;

/**
 * Sizes the JDK's shared pool before anything uses it. On one or two cores it has a single thread, and
 * CompletableFuture then starts a new thread for every asynchronous step instead: the Kubernetes client takes
 * one per response (about a thousand while 500 forwards start). At least two threads keep them on the pool;
 * more cores keep the JDK's own choice (one thread fewer than cores).
 */
public final class CommonPoolSize {
    /** The JDK reads the pool's size from this property once, when the pool is first used. */
    static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private CommonPoolSize() {
    }

    /** Sets the property unless the command line did; call first thing in {@code main}. */
    public static void atLeastTwoThreads() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, Integer.toString(threads(Runtime.getRuntime().availableProcessors())));
        }
    }

    /** @return the pool's size on a machine with this many cores */
    static int threads(int cores) {
        return Math.max(2, cores - 1);
    }
}
