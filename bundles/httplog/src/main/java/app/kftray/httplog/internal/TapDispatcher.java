package app.kftray.httplog.internal;

import app.kftray.api.HttpLogService.HttpTap;
import app.kftray.api.model.HttpExchangeRecord;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one worker of HTTP logging. Taps put copies of connection bytes into a bounded queue without
 * ever waiting (a full queue drops the copy and counts it); a single thread parses them for all
 * connections and writes the entries. The worker takes the queue in batches and, once it ran dry,
 * pauses briefly before it waits: bytes arriving meanwhile are then handled together, so a busy
 * forward does not wake it (and the files are not flushed) for every buffer.
 */
final class TapDispatcher implements LogContext, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TapDispatcher.class);
    private static final Duration MAX_SWEEP_INTERVAL = Duration.ofSeconds(1);
    private static final long BATCH_PAUSE_NANOS = Duration.ofMillis(1).toNanos();
    /** Entries reach readers at least this often while the worker never runs dry. */
    private static final long MAX_FLUSH_INTERVAL_NANOS = Duration.ofMillis(200).toNanos();
    private static final int MAX_BATCH = 256;

    private final HttpLogSettings settings;
    private final LogPolicy policy;
    private final ExchangeSink sink;
    private final Runnable housekeeping;
    private final long housekeepingNanos;
    private final ExchangeRecords records;
    private final ArrayBlockingQueue<TapChunk> queue;
    private final AtomicLong pendingBytes = new AtomicLong();
    private final Set<ConnectionLog> open = ConcurrentHashMap.newKeySet();
    private final Set<String> notedKinds = ConcurrentHashMap.newKeySet();
    private final LongAdder queued = new LongAdder();
    private final LongAdder droppedBuffers = new LongAdder();
    private final LongAdder droppedBytes = new LongAdder();
    private final LongAdder entries = new LongAdder();
    private final LongAdder internalErrors = new LongAdder();
    private final long sweepNanos;
    private final Thread worker;
    private final List<TapChunk> batch = new ArrayList<>(MAX_BATCH);
    private long lastFlushNanos = System.nanoTime();
    private volatile boolean running = true;

    TapDispatcher(HttpLogSettings settings, ExchangeSink sink) {
        this(settings, new LogPolicy(settings), sink, () -> { }, Duration.ofDays(1));
    }

    /**
     * @param settings          the fixed settings
     * @param policy            the limits that may change while running
     * @param sink              where entries go
     * @param housekeeping      run by the worker at start and then every {@code housekeepingEvery}, with the
     *                          sink's files closed (to delete old logs)
     * @param housekeepingEvery the interval of the housekeeping
     */
    TapDispatcher(HttpLogSettings settings, LogPolicy policy, ExchangeSink sink, Runnable housekeeping,
                  Duration housekeepingEvery) {
        this.settings = settings;
        this.policy = policy;
        this.sink = sink;
        this.housekeeping = housekeeping;
        this.housekeepingNanos = housekeepingEvery.toNanos();
        this.records = new ExchangeRecords(settings, policy, new TimeBase());
        this.queue = new ArrayBlockingQueue<>(settings.queueMaxBuffers());
        this.sweepNanos = Math.max(Duration.ofMillis(10).toNanos(),
                Math.min(MAX_SWEEP_INTERVAL.toNanos(), settings.pendingTimeout().toNanos() / 4));
        this.worker = new Thread(this::run, "kftray-httplog");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * @param forward      the forward's log name
     * @param connectionId the connection
     * @return a tap feeding this dispatcher
     */
    HttpTap open(String forward, String connectionId) {
        ConnectionLog log = new ConnectionLog(forward, connectionId, this);
        if (running) {
            open.add(log);
        } else {
            log.closeRequested = true;
        }
        return new ConnectionTap(this, log);
    }

    /** Any thread, never blocks: queues the copy or drops it. */
    void offer(ConnectionLog log, Direction direction, ByteBuf bytes) {
        int size = bytes.readableBytes();
        if (!running || log.closeRequested || size == 0) {
            bytes.release();
            return;
        }
        if (pendingBytes.addAndGet(size) > settings.queueMaxBytes()) {
            drop(log, bytes, size);
            return;
        }
        log.queuedChunks.incrementAndGet();
        if (queue.offer(new TapChunk(log, direction, bytes, System.nanoTime(), log.droppedBuffers.get()))) {
            queued.increment();
        } else {
            log.queuedChunks.decrementAndGet();
            drop(log, bytes, size);
        }
    }

    /** Any thread: the connection ended; parsing finishes once its queued bytes are processed. */
    void requestClose(ConnectionLog log) {
        if (!log.closeRequested) {
            log.closeRequested = true;
            // if the queue is full the periodic sweep finishes the connection instead
            queue.offer(TapChunk.closeSignal(log));
        }
    }

    TapStatistics statistics() {
        return new TapStatistics(queued.sum(), droppedBuffers.sum(), droppedBytes.sum(), queue.size(), pendingBytes.get(),
                entries.sum(), internalErrors.sum(), open.size());
    }

    @Override
    public HttpLogSettings settings() {
        return settings;
    }

    @Override
    public LogPolicy policy() {
        return policy;
    }

    @Override
    public ExchangeRecords records() {
        return records;
    }

    @Override
    public void write(HttpExchangeRecord entry) {
        entries.increment();
        sink.write(entry);
    }

    @Override
    public boolean firstOfKind(String forward, TrafficKind kind) {
        return notedKinds.add(forward + '\u0000' + kind);
    }

    /** Stops the worker after it wrote what is pending for open connections. */
    @Override
    public void close() {
        running = false;
        queue.offer(TapChunk.closeSignal(null));
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drop(ConnectionLog log, ByteBuf bytes, int size) {
        pendingBytes.addAndGet(-size);
        log.droppedBytes.addAndGet(size);
        log.droppedBuffers.incrementAndGet();
        droppedBuffers.increment();
        droppedBytes.add(size);
        bytes.release();
    }

    private void run() {
        long nextSweep = System.nanoTime() + sweepNanos;
        long nextHousekeeping = System.nanoTime();
        while (running) {
            if (queue.drainTo(batch, MAX_BATCH) == 0) {
                TapChunk chunk = awaitChunk();
                if (chunk != null) {
                    batch.add(chunk);
                }
            }
            batch.forEach(this::process);
            batch.clear();
            long now = System.nanoTime();
            if (now - lastFlushNanos >= MAX_FLUSH_INTERVAL_NANOS) {
                flush(now);
            }
            if (now - nextSweep >= 0) {
                sweep(now);
                nextSweep = now + sweepNanos;
            }
            if (now - nextHousekeeping >= 0) {
                houseKeep();
                nextHousekeeping = System.nanoTime() + housekeepingNanos;
            }
        }
        shutDown();
    }

    /** The queue ran dry: pauses for a batch to gather, then flushes what was written and waits. */
    private TapChunk awaitChunk() {
        LockSupport.parkNanos(BATCH_PAUSE_NANOS);
        TapChunk chunk = queue.poll();
        if (chunk != null) {
            return chunk;
        }
        flush(System.nanoTime());
        return pollQuietly();
    }

    private void flush(long now) {
        sink.flush();
        lastFlushNanos = now;
    }

    private TapChunk pollQuietly() {
        try {
            return queue.poll(sweepNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            running = false;
            return null;
        }
    }

    private void process(TapChunk chunk) {
        ConnectionLog log = chunk.connection();
        if (log == null) {
            return;
        }
        try {
            if (chunk.isCloseSignal()) {
                finish(log, "connection closed", chunk.nanos());
                return;
            }
            pendingBytes.addAndGet(-chunk.bytes().readableBytes());
            log.queuedChunks.decrementAndGet();
            if (!open.contains(log)) {
                chunk.bytes().release();
                return;
            }
            log.accept(chunk);
        } catch (RuntimeException | Error e) {
            internalErrors.increment();
            LOG.warn("HTTP log of forward {}: parsing a connection failed; it is no longer logged", log.forward(), e);
            log.fail(e, chunk.nanos());
        }
    }

    private void finish(ConnectionLog log, String because, long nanos) {
        if (open.remove(log)) {
            log.finish(because, nanos);
        }
    }

    private void sweep(long now) {
        for (ConnectionLog log : open) {
            if (log.closeRequested && log.queuedChunks.get() == 0) {
                finish(log, "connection closed", now);
            } else {
                log.expireIfStale(now);
            }
        }
    }

    private void houseKeep() {
        sink.flush();
        sink.closeFiles();
        try {
            housekeeping.run();
        } catch (RuntimeException e) {
            internalErrors.increment();
            LOG.warn("Cleaning up old HTTP logs failed: {}", e.toString());
        }
    }

    private void shutDown() {
        // what was handed over before the stop is still logged
        for (TapChunk chunk; (chunk = queue.poll()) != null; ) {
            process(chunk);
        }
        long now = System.nanoTime();
        for (ConnectionLog log : open) {
            finish(log, "logging stopped", now);
        }
        pendingBytes.set(0);
        sink.flush();
        sink.close();
    }
}
