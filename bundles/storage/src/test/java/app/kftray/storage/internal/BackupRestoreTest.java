package app.kftray.storage.internal;

import static app.kftray.storage.internal.Fixtures.service;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.StorageException;
import app.kftray.api.model.ConfigChange;
import app.kftray.api.model.ForwardConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackupRestoreTest extends ConfigStoreTestSupport {


    @Test
    void restoreBringsBackTheBackedUpDefinitionsAndAnnouncesTheDifference() throws Exception {
        RecordingListener local = new RecordingListener();
        store.addListener(local);
        ForwardConfig kept = store.create(service("kept", 8080));
        ForwardConfig changed = store.create(service("changed", 8081));
        ForwardConfig removedLater = store.create(service("removed", 8082));
        store.putSetting("theme", "dark");
        Path backup = dir.resolve("backups").resolve("kftray-backup.db");
        store.backup(backup);
        assertEquals("rw-------", DatabaseTest.mode(backup));

        store.update(changed.toBuilder().localPort(9999).build());
        store.delete(removedLater.id());
        ForwardConfig addedLater = store.create(service("added", 8083));
        store.putSetting("theme", "light");
        for (int i = 0; i < 6; i++) {
            next(local); // three creations, an update, a deletion and a creation before the restore
        }
        try (SqliteConfigStore otherProcess = Fixtures.configStore(dir)) {
            RecordingListener remote = new RecordingListener();
            otherProcess.addListener(remote);
            store.restore(backup);

            assertEquals(List.of(kept, changed, removedLater), store.list());
            assertEquals(Optional.of("dark"), store.setting("theme"));
            Set<ConfigChange> expected = Set.of(
                    new ConfigChange(ConfigChange.Kind.UPDATED, changed.id(), false),
                    new ConfigChange(ConfigChange.Kind.CREATED, removedLater.id(), false),
                    new ConfigChange(ConfigChange.Kind.DELETED, addedLater.id(), false));
            assertEquals(expected, Set.of(next(local), next(local), next(local)));
            Set<ConfigChange> seenElsewhere = Set.of(next(remote), next(remote), next(remote));
            assertEquals(3, seenElsewhere.size());
            assertTrue(seenElsewhere.stream().allMatch(ConfigChange::external));
            assertEquals(List.of(kept, changed, removedLater), otherProcess.list());
        }
        ForwardConfig afterRestore = store.create(service("after", 8084));
        assertTrue(afterRestore.id() > 0);
    }

    @Test
    void refusesToRestoreFromFilesThatAreNotKftrayBackupsAndChangesNothing() throws Exception {
        store.create(service("web", 8080));
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a database");
        Path empty = Files.createFile(dir.resolve("empty.db"));
        Path foreign = dir.resolve("foreign.db");
        OwnerOnlyFiles.createFile(foreign);
        try (Connection c = Database.connect(foreign, Fixtures.BUSY, false); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE photos (id INTEGER)");
        }
        Path newer = dir.resolve("newer.db");
        store.backup(newer);
        try (Connection c = Database.connect(newer, Fixtures.BUSY, false); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO schema_history VALUES (9, 'future', 'V9__future.sql', 'x', 0)");
        }
        assertRefused(text, "not a kftray backup");
        assertRefused(empty, "not a kftray backup");
        assertRefused(foreign, "not a kftray database");
        assertRefused(newer, "schema version 9");
        assertRefused(dir.resolve("missing.db"), "not a kftray backup");
        assertEquals(1, store.list().size());
    }

    @Test
    void refusesToOverwriteAFileThatIsNotSqlite() throws Exception {
        Path precious = Files.writeString(dir.resolve("thesis.txt"), "years of work");
        StorageException error = assertThrows(StorageException.class, () -> store.backup(precious));
        assertTrue(error.getMessage().contains("will not overwrite"), error.getMessage());
        assertArrayEquals("years of work".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(precious));
    }

    private void assertRefused(Path file, String reason) throws Exception {
        byte[] before = Files.exists(file) ? Files.readAllBytes(file) : null;
        StorageException error = assertThrows(StorageException.class, () -> store.restore(file));
        assertTrue(error.getMessage().contains(reason) && error.getMessage().contains(file.getFileName().toString()),
                error.getMessage());
        if (before != null) {
            assertArrayEquals(before, Files.readAllBytes(file));
        }
    }

    private static ConfigChange next(RecordingListener listener) throws InterruptedException {
        ConfigChange change = listener.next(Duration.ofSeconds(2));
        assertTrue(change != null, "no change announced within 2 s");
        return change;
    }
}
