package app.kftray.api;

import java.nio.file.Path;

/**
 * The configuration and state stores opened straight on the database of a kftray home, without an OSGi
 * framework, for short-lived processes such as one-shot commands that only read or edit saved
 * forwards. They behave as the {@link ConfigStore} and {@link StateStore} services do in a
 * framework. A storage implementation offers them through a {@link Factory} that
 * {@link java.util.ServiceLoader} finds.
 *
 * <p>The JVM lets one class loader at a time use a native database driver, so a process that
 * opens standalone stores should not also start the storage bundle in a framework.
 */
public interface StandaloneStores extends AutoCloseable {
    /** @return the saved forward definitions */
    ConfigStore configs();

    /** @return the runtime state shared by all kftray processes; this process takes part as a short-lived owner */
    StateStore states();

    /** Closes both stores: this process's claims are released, as when the storage bundle stops. */
    @Override
    void close();

    /** Opens {@link StandaloneStores}; storage implementations register one for {@link java.util.ServiceLoader}. */
    interface Factory {
        /**
         * @param home the kftray home directory; the database in it is created and migrated if needed,
         *             as by the storage bundle in a framework whose processes share that home
         * @return the stores on it, open until closed
         * @throws StorageException if the database cannot be opened or migrated
         */
        StandaloneStores open(Path home);
    }
}
