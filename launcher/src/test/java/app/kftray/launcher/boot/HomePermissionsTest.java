package app.kftray.launcher.boot;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.kftray.api.KftrayHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A home or deploy directory others could write to is refused with the fix; the watcher takes jars only. */
class HomePermissionsTest {
    private static final String USER = System.getProperty("user.name");

    @TempDir
    Path parent;

    private Path ownerOnly(String name) throws IOException {
        return KftrayHome.createOwnerOnly(parent.resolve(name));
    }

    @Test
    void anOwnerOnlyDirectoryWithOwnFilesIsAccepted() throws IOException {
        Path home = ownerOnly("home");
        Files.writeString(home.resolve("kftray.db"), "");
        Files.createDirectory(home.resolve("bundles"));
        assertDoesNotThrow(() -> HomePermissions.requireSafe(home, USER));
    }

    @Test
    void aDirectoryOrFileWritableByOthersIsRefusedWithTheFix() throws IOException {
        Path home = ownerOnly("home");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwx---"));
        Path jar = Files.writeString(home.resolve("evil.jar"), "");
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-rw-rw-"));

        LauncherException refused = assertThrows(LauncherException.class, () -> HomePermissions.requireSafe(home, USER));
        assertEquals("refusing to use " + home + ", others could run code as you through it: " + home
                + " is writable by its group (fix: chmod go-w '" + home + "'); " + jar
                + " is writable by group and others (fix: chmod go-w '" + jar + "')", refused.getMessage());
    }

    @Test
    void aDeployDirectoryOwnedBySomeoneElseIsRefused() throws IOException {
        assumeTrue("root".equals(USER), "only root can give a file to another user");
        Path deploy = ownerOnly("bundles");
        Files.setOwner(deploy, deploy.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        LauncherException refused = assertThrows(LauncherException.class,
                () -> DeployDirectory.prepare(deploy, KftrayHome.of(parent)));
        assertTrue(refused.getMessage().contains(deploy + " is owned by nobody (fix: chown root '" + deploy
                + "', or remove it)"), refused.getMessage());
    }

    @Test
    void theDeployWatcherTakesJarsAndKftrayConfigurationOnly() {
        Pattern deployable = Pattern.compile(FrameworkConfig.DEPLOYABLE);
        assertTrue(deployable.matcher("app.kftray.protocol.socks5.jar").matches());
        assertTrue(deployable.matcher("app.kftray.protocol.socks5.cfg").matches());
        for (String ignored : new String[] {"org.apache.felix.webconsole.cfg", "notes.txt", "exploded-bundle",
                "app.kftray.httplog.config", "bundle.jar.part"}) {
            assertFalse(deployable.matcher(ignored).matches(), ignored);
        }
    }
}
