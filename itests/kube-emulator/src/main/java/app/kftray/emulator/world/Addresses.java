package app.kftray.emulator.world;

import java.util.concurrent.atomic.AtomicInteger;

/** Hands out the fake pod and cluster IPs objects show; nothing routes to them. */
final class Addresses {
    private final AtomicInteger pods = new AtomicInteger();
    private final AtomicInteger services = new AtomicInteger();

    String nextPodIp() {
        return address("10.244", pods.getAndIncrement(), 2);
    }

    String nextClusterIp() {
        return address("10.96", services.getAndIncrement(), 10);
    }

    private static String address(String prefix, int n, int offset) {
        return prefix + "." + (n / 240) % 256 + "." + (n % 240 + offset);
    }
}
