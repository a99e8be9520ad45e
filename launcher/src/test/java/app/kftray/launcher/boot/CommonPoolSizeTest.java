package app.kftray.launcher.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CommonPoolSizeTest {
    @Test
    void oneOrTwoCoresGetTwoThreadsAndMoreCoresOneFewerThanCores() {
        assertEquals(2, CommonPoolSize.threads(1));
        assertEquals(2, CommonPoolSize.threads(2));
        assertEquals(2, CommonPoolSize.threads(3));
        assertEquals(3, CommonPoolSize.threads(4));
        assertEquals(15, CommonPoolSize.threads(16));
    }
}
