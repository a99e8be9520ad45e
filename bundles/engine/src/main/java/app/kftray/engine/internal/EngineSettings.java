package app.kftray.engine.internal;

import java.time.Duration;

/**
 * The engine's timings as values.
 *
 * @param controlPoll    between polls for control requests
 * @param counterFlush   between writes of changed counters
 * @param backoffInitial first reconnect delay
 * @param backoffMax     longest reconnect delay
 * @param stopTimeout    how long a stop may take
 * @param targetCheck    delay before re-checking a target a handler reported as failing
 */
record EngineSettings(Duration controlPoll, Duration counterFlush, Duration backoffInitial, Duration backoffMax,
                      Duration stopTimeout, Duration targetCheck) {

    static EngineSettings of(EngineConfig config) {
        return new EngineSettings(Duration.ofMillis(config.controlPollMillis()),
                Duration.ofMillis(config.counterFlushMillis()), Duration.ofMillis(config.backoffInitialMillis()),
                Duration.ofMillis(config.backoffMaxMillis()), Duration.ofMillis(config.stopTimeoutMillis()),
                Duration.ofMillis(500));
    }
}
