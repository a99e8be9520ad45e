package app.kftray.storage.internal;

import app.kftray.api.StorageException;
import app.kftray.api.model.Owner;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a process's watchers that control requests for it may be waiting: on the storage's shared poll tick
 * it looks at {@code PRAGMA data_version} on a connection of its own, and reads the queue only after another
 * connection committed. A request seen once is announced again at each later commit until it is taken.
 */
final class RequestWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RequestWatch.class);

    private final Database database;
    private final Owner self;
    private final List<Runnable> watchers;
    private final CommitWatch commits = new CommitWatch();
    private final SharedPolls.Membership poll;

    /**
     * @param database a connection of its own, closed with this watch
     * @param self     the process whose requests are looked for
     * @param watchers told when some may be waiting; the list may change while the watch runs
     * @param period   how often to look
     */
    RequestWatch(Database database, Owner self, List<Runnable> watchers, Duration period) {
        this.database = database;
        this.self = self;
        this.watchers = watchers;
        this.poll = SharedPolls.join(period, this::look);
    }

    private void look() {
        if (watchers.isEmpty()) {
            return;
        }
        boolean waiting;
        try {
            waiting = database.read("looking for control requests for " + self,
                    c -> commits.changed(c) && ControlQueue.any(c, self));
        } catch (StorageException e) {
            LOG.debug("Could not look for control requests: {}", e.getMessage());
            return; // the owner's own, slower poll still finds them
        }
        if (waiting) {
            watchers.forEach(Runnable::run);
        }
    }

    @Override
    public void close() {
        poll.close();
        database.close();
    }
}
