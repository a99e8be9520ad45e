package app.kftray.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigratorTest {
    @Test
    void theIndexListsEveryShippedScriptInOrder() throws Exception {
        Path directory = Path.of(Migrator.class.getClassLoader().getResource(Migrator.INDEX).toURI()).getParent();
        List<String> shipped;
        try (Stream<Path> files = Files.list(directory)) {
            shipped = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }
        Migrator migrator = Migrator.fromResources();
        assertEquals(shipped.size(), migrator.latestVersion());
        assertTrue(shipped.contains("V1__init.sql"));
    }

    @Test
    void refusesGapsInTheNumbering() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Migrator(List.of(
                Migration.of("V1__a.sql", "SELECT 1;"), Migration.of("V3__c.sql", "SELECT 1;"))));
        assertTrue(error.getMessage().contains("V3__c.sql"), error.getMessage());
    }

    @Test
    void refusesBadlyNamedScripts() {
        assertThrows(IllegalArgumentException.class, () -> Migration.of("init.sql", "SELECT 1;"));
        assertThrows(IllegalArgumentException.class, () -> Migration.of("V0__zero.sql", "SELECT 1;"));
    }

    @Test
    void readsVersionAndDescriptionFromTheName() throws URISyntaxException {
        Migration migration = Migration.of("V12__add_groups.sql", "SELECT 1;");
        assertEquals(12, migration.version());
        assertEquals("add groups", migration.description());
        assertEquals(64, migration.checksum().length());
    }
}
