package app.kftray.relay.testing;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checks that no relay event-loop thread outlives its relay. */
public final class RelayThreads {

    private RelayThreads() {
    }

    /** @return names of live relay I/O threads */
    public static List<String> alive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("relay-io"))
                .collect(Collectors.toList());
    }

    /** Waits up to two seconds for the last relay I/O thread to finish. */
    public static void assertNoneAlive() throws InterruptedException {
        for (int i = 0; i < 100 && !alive().isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertEquals(List.of(), alive(), "relay threads still running");
    }
}
