package app.kftray.httplog.internal;

import app.kftray.api.model.HttpExchangeRecord;

/** What a connection's log needs from the dispatcher: settings, the record factory and the output. */
interface LogContext {
    HttpLogSettings settings();

    /** @return the limits that may change while running */
    LogPolicy policy();

    ExchangeRecords records();

    /** Writes an entry (worker thread). */
    void write(HttpExchangeRecord entry);

    /** @return whether this is the first connection of the forward skipped for this kind of traffic */
    boolean firstOfKind(String forward, TrafficKind kind);
}
