package app.kftray.storage.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of {@link SqliteStateStore}; the database file is the kftray home's. */
@ObjectClassDefinition(name = "kftray state store",
        description = "Runtime state of forwards shared by all kftray processes")
@interface StateStoreConfiguration {
    /** Persistent identity of this component's configuration. */
    String PID = "app.kftray.storage.state";

    @AttributeDefinition(name = BusyTimeoutSetting.NAME, description = BusyTimeoutSetting.DESCRIPTION,
            min = BusyTimeoutSetting.MIN)
    int busy_timeout_ms() default BusyTimeoutSetting.DEFAULT_MS;

    @AttributeDefinition(name = "Heartbeat interval (ms)",
            description = "How often this process refreshes the heartbeat of the state rows it owns", min = "10")
    int heartbeat_interval_ms() default 1000;

    /**
     * @return how long an owner on another host may be silent; well above the busy timeout plus a
     *         heartbeat, so one slow lock wait or GC pause never makes a live owner look dead (on this
     *         host a crashed owner is seen at once: its process is gone)
     */
    @AttributeDefinition(name = "Stale after (ms)",
            description = "A row whose owner has not heartbeated for this long is reported stale and stopped "
                    + "(an owner on this host whose process is gone, at once)",
            min = "100")
    int stale_after_ms() default 15_000;

    /**
     * @return how often the runtime's engine is told of control requests other processes queued for it; the
     *         configuration store's poll interval by default, so that both looks share one wake-up
     */
    @AttributeDefinition(name = "Request poll interval (ms)",
            description = "How often to look for start, stop and restart requests other processes queued "
                    + "for this one", min = "10")
    int request_poll_ms() default 200;

    @AttributeDefinition(name = "History entries per forward",
            description = "Status changes kept per forward; older ones are dropped", min = "1")
    int history_limit() default 100;
}
