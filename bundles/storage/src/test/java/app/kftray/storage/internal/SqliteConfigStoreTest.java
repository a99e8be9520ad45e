package app.kftray.storage.internal;

import static app.kftray.storage.internal.Fixtures.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.ConfigStore.ConfigFilter;
import app.kftray.api.ConflictException;
import app.kftray.api.InvalidConfigException;
import app.kftray.api.StorageException;
import app.kftray.api.model.ConfigChange;
import app.kftray.api.model.FieldError;
import app.kftray.api.model.ForwardConfig;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SqliteConfigStoreTest extends ConfigStoreTestSupport {
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void listen() {
        store.addListener(listener);
    }

    @Test
    void createsReadsListsAndFindsDefinitions() {
        ForwardConfig web = store.create(service("web", 8080));
        ForwardConfig api = store.create(service("api", 8081).toBuilder().context("prod").build());
        assertNotNull(web.id());
        assertEquals(Optional.of(web), store.get(web.id()));
        assertEquals(List.of(web, api), store.list());
        assertEquals(List.of(api), store.list(new ConfigFilter("prod", null, null)));
        assertEquals(List.of(web), store.list(new ConfigFilter(null, "default", "web")));
        assertEquals(Optional.of(api), store.find("api"));
        assertEquals(Optional.of(web), store.find(String.valueOf(web.id())));
        assertEquals(Optional.empty(), store.find("nothing"));
        assertEquals(Optional.empty(), store.get(999));
    }

    @Test
    void findRefusesAnAliasUsedInTwoContexts() {
        store.create(service("web", 8080));
        store.create(service("web", 8081).toBuilder().context("prod").build());
        assertEquals(Optional.empty(), store.find("web"));
    }

    @Test
    void updatesAndDeletes() {
        ForwardConfig web = store.create(service("web", 8080));
        ForwardConfig moved = store.update(web.toBuilder().localPort(9090).autoStart(true).build());
        assertEquals(9090, store.get(web.id()).orElseThrow().localPort());
        assertTrue(store.get(web.id()).orElseThrow().autoStart());
        assertEquals(moved, store.get(web.id()).orElseThrow());
        assertTrue(store.delete(web.id()));
        assertFalse(store.delete(web.id()));
        assertEquals(List.of(), store.list());
    }

    @Test
    void refusesADuplicateAliasInTheSameContextAndNamespace() {
        ForwardConfig web = store.create(service("web", 8080));
        ConflictException error = assertThrows(ConflictException.class, () -> store.create(service("web", 8081)));
        assertTrue(error.getMessage().contains("'web'") && error.getMessage().contains("forward " + web.id()),
                error.getMessage());
        ForwardConfig other = store.create(service("other", 8082));
        assertThrows(ConflictException.class, () -> store.update(other.toBuilder().alias("web").build()));
        assertEquals("other", store.get(other.id()).orElseThrow().alias());
        store.create(service("web", 8083).toBuilder().namespace("staging").build()); // another namespace is fine
        assertEquals(3, store.list().size());
    }

    @Test
    void refusesInvalidDefinitionsListingEveryField() {
        ForwardConfig bad = service("web", 70000).toBuilder().namespace("Not_Valid").service(null).build();
        InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> store.create(bad));
        assertEquals(List.of("namespace", "service", "local_port"),
                error.errors().stream().map(FieldError::field).toList());
        assertEquals(List.of(), store.list());
    }

    @Test
    void neverStoresKubeconfigContent() {
        ForwardConfig pasted = service("web", 8080).toBuilder()
                .kubeconfig("apiVersion: v1\nusers:\n- user:\n    token: secret").build();
        InvalidConfigException error = assertThrows(InvalidConfigException.class, () -> store.create(pasted));
        assertEquals("kubeconfig", error.errors().get(0).field());
        ForwardConfig path = store.create(service("web", 8080).toBuilder().kubeconfig("/home/me/.kube/dev").build());
        assertEquals("/home/me/.kube/dev", store.get(path.id()).orElseThrow().kubeconfig());
    }

    @Test
    void refusesUpdatesOfUnknownOrMissingIdsAndCreatesWithIds() {
        assertEquals("id", assertThrows(InvalidConfigException.class,
                () -> store.update(service("web", 8080).toBuilder().id(42L).build())).errors().get(0).field());
        assertThrows(InvalidConfigException.class, () -> store.update(service("web", 8080)));
        assertThrows(InvalidConfigException.class, () -> store.create(service("web", 8080).toBuilder().id(1L).build()));
    }

    @Test
    void announcesItsOwnChangesAsLocal() throws InterruptedException {
        ForwardConfig web = store.create(service("web", 8080));
        store.update(web.toBuilder().localPort(8081).build());
        store.update(web.toBuilder().localPort(8081).build()); // no change, no event
        store.delete(web.id());
        Duration wait = Duration.ofSeconds(2);
        assertEquals(new ConfigChange(ConfigChange.Kind.CREATED, web.id(), false), listener.next(wait));
        assertEquals(new ConfigChange(ConfigChange.Kind.UPDATED, web.id(), false), listener.next(wait));
        assertEquals(new ConfigChange(ConfigChange.Kind.DELETED, web.id(), false), listener.next(wait));
        assertNull(listener.next(Duration.ofMillis(300)));
    }

    @Test
    void announcesAnotherStoresChangesAsExternalWithinASecond() throws InterruptedException {
        try (SqliteConfigStore other = Fixtures.configStore(dir)) {
            long start = System.nanoTime();
            ForwardConfig web = other.create(service("web", 8080));
            ConfigChange seen = listener.next(Duration.ofSeconds(1));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(new ConfigChange(ConfigChange.Kind.CREATED, web.id(), true), seen);
            assertTrue(millis < 1000, "seen after " + millis + " ms");
            other.delete(web.id());
            assertEquals(new ConfigChange(ConfigChange.Kind.DELETED, web.id(), true), listener.next(Duration.ofSeconds(1)));
        }
    }

    @Test
    void aRemovedListenerHearsNothingAndAFailingOneDoesNotStopOthers() throws InterruptedException {
        RecordingListener second = new RecordingListener();
        store.addListener(change -> {
            throw new IllegalStateException("listener bug");
        });
        store.addListener(second);
        store.removeListener(listener);
        ForwardConfig web = store.create(service("web", 8080));
        assertEquals(web.id(), second.next(Duration.ofSeconds(2)).configId());
        assertNull(listener.next(Duration.ofMillis(200)));
    }

    @Test
    void keepsSettings() {
        assertEquals(Optional.empty(), store.setting("network_monitor"));
        store.putSetting("network_monitor", "true");
        store.putSetting("network_monitor", "false");
        assertEquals(Optional.of("false"), store.setting("network_monitor"));
        store.putSetting("network_monitor", null);
        assertEquals(Optional.empty(), store.setting("network_monitor"));
        assertThrows(IllegalArgumentException.class, () -> store.putSetting(" ", "x"));
    }

    @Test
    void aLockHeldBeyondTheBusyTimeoutGivesAClearErrorAndWritesNothing() throws Exception {
        try (SqliteConfigStore impatient = new SqliteConfigStore(Fixtures.database(dir), Duration.ofMillis(200),
                Fixtures.POLL);
             Connection locker = Database.connect(Fixtures.database(dir), Fixtures.BUSY, false);
             Statement lock = locker.createStatement()) {
            lock.execute("BEGIN EXCLUSIVE");
            StorageException error = assertThrows(StorageException.class, () -> impatient.create(service("web", 8080)));
            assertTrue(error.getMessage().contains("locked") && error.getMessage().contains("200 ms")
                    && error.getMessage().contains(Fixtures.database(dir).toString()), error.getMessage());
            lock.execute("COMMIT");
            assertEquals(List.of(), impatient.list());
            impatient.create(service("web", 8080));
            assertEquals(1, store.list().size());
        }
    }
}
