package app.kftray.httplog.internal;

/**
 * Counters of the HTTP log since it started.
 *
 * @param queuedBuffers   buffers accepted into the queue
 * @param droppedBuffers  buffers dropped because the queue was full
 * @param droppedBytes    bytes in those buffers
 * @param pendingBuffers  buffers waiting in the queue now
 * @param pendingBytes    bytes waiting in the queue now
 * @param entries         log entries written (exchanges and notices)
 * @param internalErrors  failures of our own parsing code (each stops logging one connection)
 * @param openConnections connections being logged now
 */
record TapStatistics(long queuedBuffers, long droppedBuffers, long droppedBytes, int pendingBuffers,
                     long pendingBytes, long entries,
                     long internalErrors, int openConnections) {
}
