package app.kftray.storage.internal;

import static app.kftray.storage.internal.Fixtures.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.StandaloneStores;
import app.kftray.api.StorageException;
import app.kftray.api.model.ForwardCounters;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStandaloneStoresTest {
    @TempDir
    Path dir;

    @Test
    void theJarOffersExactlyOneFactoryToServiceLoader() {
        List<StandaloneStores.Factory> factories = ServiceLoader.load(StandaloneStores.Factory.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertEquals(1, factories.size());
        assertEquals(SqliteStandaloneStores.Factory.class, factories.get(0).getClass());
    }

    @Test
    void storesShareTheHomeDatabaseWithTheComponents() {
        Path home = dir.resolve("home");
        long id;
        try (StandaloneStores stores = factory().open(home)) {
            id = stores.configs().create(service("web", 8080)).id();
            assertTrue(stores.states().isLive(stores.states().self()), "the process heartbeats as an owner");
        }
        try (SqliteConfigStore component = Fixtures.configStore(dir)) {
            assertEquals("web", component.get(id).orElseThrow().alias());
        }
    }

    @Test
    void closingReleasesTheForwardsThisProcessClaimed() {
        Path home = dir.resolve("home");
        long id;
        try (StandaloneStores stores = factory().open(home)) {
            id = stores.configs().create(service("web", 8080)).id();
            stores.states().put(new ForwardState(id, ForwardStatus.RUNNING, null, "web-1", "127.0.0.1:8080",
                    Instant.now(), null, ForwardCounters.ZERO, false));
            assertEquals(stores.states().self(), stores.states().get(id).orElseThrow().owner());
        }
        try (StandaloneStores stores = factory().open(home)) {
            assertEquals(ForwardStatus.STOPPED, stores.states().get(id).orElseThrow().status());
        }
    }

    @Test
    void aHomeThatIsAFileIsAStorageErrorNamingIt() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("home"), "not a directory");
        StorageException e = assertThrows(StorageException.class, () -> factory().open(notADirectory));
        assertTrue(e.getMessage().contains(notADirectory.toString()), e.getMessage());
        assertEquals("not a directory", Files.readString(notADirectory), "the file is left as it was");
    }

    private static StandaloneStores.Factory factory() {
        return ServiceLoader.load(StandaloneStores.Factory.class).findFirst().orElseThrow();
    }
}
