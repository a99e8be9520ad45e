package app.kftray.storage.internal;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Gives each test a configuration store on a database of its own in a temporary directory. */
abstract class ConfigStoreTestSupport {
    @TempDir
    Path dir;
    SqliteConfigStore store;

    @BeforeEach
    void openStore() {
        store = Fixtures.configStore(dir);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }
}
