package app.kftray.launcher.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.launcher.boot.LauncherException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelperInstallationTest {
    @TempDir
    Path root;
    @TempDir
    Path distribution;

    private Path helperJar() throws IOException {
        return Files.writeString(distribution.resolve("kftray-helper.jar"), "jar bytes");
    }

    @Test
    void writesJarConfigAndUnitAndAddsASecondUser() throws IOException {
        HelperFiles files = new HelperFiles(root);
        HelperInstallation installation = new HelperInstallation(files);
        assertFalse(installation.isInstalled());
        installation.install(helperJar(), Path.of("/usr/bin/java"), 1000);
        List<String> lines = installation.install(helperJar(), Path.of("/usr/bin/java"), 1001);

        assertTrue(installation.isInstalled());
        assertEquals("config       " + files.staged(HelperFiles.CONFIG) + " (serves uids [1000,1001])", lines.get(1));
        JsonNode config = new ObjectMapper().readTree(files.staged(HelperFiles.CONFIG).toFile());
        assertEquals("/run/kftray-helper/helper.sock", config.get("socket").asText());
        assertEquals("/etc/hosts", config.get("hosts_file").asText());
        assertEquals("[1000,1001]", config.get("allowed_uids").toString());
        assertEquals("jar bytes", Files.readString(files.staged(HelperFiles.JAR)));
        String unit = Files.readString(files.staged(HelperFiles.UNIT));
        assertTrue(unit.contains("ExecStart=/usr/bin/java -Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "
                + "/usr/local/lib/kftray-helper/kftray-helper.jar --config /etc/kftray-helper/config.json\n"), unit);
        assertTrue(unit.contains("RuntimeDirectory=kftray-helper\n"), unit);
        for (Path path : List.of(HelperFiles.JAR, HelperFiles.CONFIG, HelperFiles.UNIT)) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.staged(path))),
                    path.toString());
        }
    }

    @Test
    void uninstallRemovesItsFilesAndDirectoriesOnly() throws IOException {
        HelperFiles files = new HelperFiles(root);
        HelperInstallation installation = new HelperInstallation(files);
        installation.install(helperJar(), Path.of("/usr/bin/java"), 1000);
        Path otherUnit = Files.writeString(files.staged(HelperFiles.UNIT).resolveSibling("other.service"), "x");

        List<String> removed = installation.uninstall();

        assertEquals(3, removed.size(), removed.toString());
        assertFalse(Files.exists(files.staged(HelperFiles.CONFIG).getParent()));
        assertFalse(Files.exists(files.staged(HelperFiles.JAR).getParent()));
        assertTrue(Files.exists(otherUnit));
        assertEquals(List.of(), installation.uninstall());
    }

    @Test
    void refusesAMissingJarAndABrokenConfigurationWithoutChangingIt() throws IOException {
        HelperFiles files = new HelperFiles(root);
        HelperInstallation installation = new HelperInstallation(files);
        LauncherException missing = assertThrows(LauncherException.class,
                () -> installation.install(distribution.resolve("none.jar"), Path.of("/usr/bin/java"), 1000));
        assertTrue(missing.getMessage().startsWith("no helper in this distribution"), missing.getMessage());

        Path config = files.staged(HelperFiles.CONFIG);
        Files.createDirectories(config.getParent());
        Files.writeString(config, "{broken");
        LauncherException broken = assertThrows(LauncherException.class,
                () -> installation.install(helperJar(), Path.of("/usr/bin/java"), 1000));
        assertTrue(broken.getMessage().startsWith("the helper's configuration " + config + " is not valid JSON"),
                broken.getMessage());
        assertEquals("{broken", Files.readString(config));
    }

    @Test
    void servesTheUserWhoRanSudoUnlessOneIsNamed() {
        assertEquals(1000, Users.invokingUid(null, Map.of("SUDO_UID", "1000")));
        assertEquals(42, Users.invokingUid(42, Map.of("SUDO_UID", "1000")));
        assertEquals(Users.currentUid(), Users.invokingUid(null, Map.of("SUDO_UID", "x; rm")));
        assertThrows(LauncherException.class, () -> Users.invokingUid(-1, Map.of()));
    }

    @Test
    void refusesAJavaThatAUserCouldChange() throws IOException {
        Path java = Files.writeString(root.resolve("java"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxrwxrwx"));
        LauncherException refused = assertThrows(LauncherException.class, () -> Users.requireRootOwned(java));
        assertTrue(refused.getMessage().contains("the Java it runs must be one only root can change, but " + java
                + " is not"), refused.getMessage());
        Users.requireRootOwned(Path.of(System.getProperty("java.home"), "bin", "java").toRealPath());
    }

    @Test
    void stagesBelowTheRootButWritesTheRealPaths() {
        HelperFiles staged = new HelperFiles(root);
        assertFalse(staged.isSystem());
        assertTrue(new HelperFiles(Path.of("/")).isSystem());
        assertEquals(root.resolve("etc/kftray-helper/config.json"), staged.staged(HelperFiles.CONFIG));
    }
}
