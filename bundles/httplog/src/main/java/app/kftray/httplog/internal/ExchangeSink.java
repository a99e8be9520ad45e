package app.kftray.httplog.internal;

import app.kftray.api.model.HttpExchangeRecord;

/** Where finished log entries go; used by the dispatcher's worker thread only. */
interface ExchangeSink extends AutoCloseable {
    /** Writes one entry; failures are handled (reported) by the sink, never thrown. */
    void write(HttpExchangeRecord entry);

    /** Makes written entries visible to readers; called when the worker has nothing else to do. */
    void flush();

    /** Closes the open files so they can be deleted; later writes open them again (worker thread). */
    default void closeFiles() {
    }

    @Override
    void close();
}
