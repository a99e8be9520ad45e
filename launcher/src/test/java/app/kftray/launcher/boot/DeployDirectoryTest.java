package app.kftray.launcher.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.KftrayHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployDirectoryTest {
    @TempDir
    Path home;

    @Test
    void defaultDirectoryIsCreatedOwnerOnly() throws IOException {
        Path kftrayHome = home.resolve("kftray");
        Path deploy = DeployDirectory.prepare(null, KftrayHome.of(KftrayHome.createOwnerOnly(kftrayHome)));
        assertEquals(kftrayHome.resolve("bundles").toAbsolutePath(), deploy);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(deploy)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kftrayHome)));
    }

    @Test
    void explicitDirectoryMustExist() {
        Path missing = home.resolve("nope");
        LauncherException e = assertThrows(LauncherException.class, () -> DeployDirectory.prepare(missing, KftrayHome.of(home)));
        assertEquals("deploy directory " + missing + " does not exist", e.getMessage());
    }

    @Test
    void explicitPathMustBeADirectory() throws IOException {
        Path file = Files.createFile(home.resolve("file"));
        LauncherException e = assertThrows(LauncherException.class, () -> DeployDirectory.prepare(file, KftrayHome.of(home)));
        assertTrue(e.getMessage().endsWith("is not a directory"));
    }
}
