package app.kftray.storage.internal;

import app.kftray.api.StorageException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

/** Turns SQLite failures into messages a person can act on, naming the database file. */
final class SqlErrors {
    private static final int BUSY = 5;
    private static final int LOCKED = 6;
    private static final int READONLY = 8;
    private static final int CORRUPT = 11;
    private static final int FULL = 13;
    private static final int CANTOPEN = 14;
    private static final int NOTADB = 26;

    private final Path file;
    private final Duration busyTimeout;

    SqlErrors(Path file, Duration busyTimeout) {
        this.file = file;
        this.busyTimeout = busyTimeout;
    }

    /** @return how long SQLite waits for another process's lock */
    Duration busyTimeout() {
        return busyTimeout;
    }

    /**
     * @param action what was being done, e.g. "saving forward 3"
     * @param error  what SQLite reported
     * @return the error to throw
     */
    StorageException translate(String action, SQLException error) {
        String detail = error.getMessage();
        String message = switch (error.getErrorCode() & 0xFF) {
            case BUSY, LOCKED -> "database " + file + " stayed locked by another process for more than "
                    + busyTimeout.toMillis() + " ms while " + action
                    + "; try again, or close the program holding the lock";
            case READONLY -> "database " + file + " is read-only while " + action
                    + "; check the permissions of the file and of its directory " + file.getParent();
            case CORRUPT, NOTADB -> "database " + file + " is damaged or not a SQLite database (" + detail
                    + "); kftray did not change it: restore a backup or move the file away";
            case FULL -> "disk full while " + action + " in database " + file;
            case CANTOPEN -> "cannot open database " + file + " while " + action + " (" + detail
                    + "); its directory must be writable because SQLite keeps " + file.getFileName()
                    + "-wal and -shm next to it";
            default -> action + " failed on database " + file + ": " + detail;
        };
        return new StorageException(message, error);
    }
}
