package app.kftray.emulator.portforward;

import java.time.Duration;

/**
 * Link faults applied to every forwarded stream opened from now on: added one-way latency and a bandwidth
 * cap per direction. Thread-safe.
 */
public final class ForwardFaults {
    private volatile Duration latency = Duration.ZERO;
    private volatile long bytesPerSecond;

    public Duration latency() {
        return latency;
    }

    /** Delays every chunk in each direction by this much; zero turns it off. */
    public void latency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("negative latency: " + latency);
        }
        this.latency = latency;
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Caps each direction of each stream; zero turns it off. */
    public void bytesPerSecond(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("negative bandwidth: " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
    }
}
