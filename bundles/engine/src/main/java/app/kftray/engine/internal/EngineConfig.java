package app.kftray.engine.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Timings of the forwarding engine. */
@ObjectClassDefinition(name = "kftray forwarding engine")
@interface EngineConfig {
    /**
     * @return how often control requests from other processes are looked for; a store that tells of them
     *         (the SQLite store does, within its poll interval) has them taken at once, so this poll only
     *         catches what such a call missed
     */
    @AttributeDefinition(description = "Milliseconds between polls for start/stop requests from other processes "
            + "(the store also announces them as they arrive)")
    long controlPollMillis() default 1000;

    /** @return how often changed traffic counters are written to the state store */
    @AttributeDefinition(description = "Milliseconds between writes of changed traffic counters")
    long counterFlushMillis() default 1000;

    /** @return first delay before re-resolving a lost target */
    @AttributeDefinition(description = "First reconnect delay in milliseconds; it doubles per attempt")
    long backoffInitialMillis() default 100;

    /** @return longest delay between reconnect attempts */
    @AttributeDefinition(description = "Longest reconnect delay in milliseconds")
    long backoffMaxMillis() default 5000;

    /** @return how long a stopping forward may take to release its socket */
    @AttributeDefinition(description = "Milliseconds a forward may take to stop")
    long stopTimeoutMillis() default 10_000;
}
