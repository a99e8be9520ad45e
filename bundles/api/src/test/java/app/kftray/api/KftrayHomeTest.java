package app.kftray.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KftrayHomeTest {
    private final Map<String, String> properties = new HashMap<>(Map.of("user.home", "/home/someone"));

    @TempDir
    Path temp;

    private KftrayHome resolve(Map<String, String> environment) {
        return KftrayHome.resolve(properties::get, environment);
    }

    @Test
    void defaultsToDotKftrayInTheHomeDirectory() {
        assertEquals(Path.of("/home/someone/.kftray"), resolve(Map.of()).directory());
    }

    @Test
    void environmentVariableOverridesTheDefault() {
        assertEquals(Path.of("/data/kf"), resolve(Map.of("KFTRAY_HOME", "/data/kf")).directory());
    }

    @Test
    void propertyOverridesTheEnvironment() {
        properties.put("kftray.home", "/opt/kf");
        assertEquals(Path.of("/opt/kf"), resolve(Map.of("KFTRAY_HOME", "/data/kf")).directory());
    }

    @Test
    void blankOverridesAreIgnored() {
        properties.put("kftray.home", " ");
        assertEquals(Path.of("/home/someone/.kftray"), resolve(Map.of("KFTRAY_HOME", "")).directory());
        assertEquals(Path.of("/data/kf"), resolve(Map.of("KFTRAY_HOME", "/data/kf")).directory());
    }

    @Test
    void surroundingSpaceIsIgnored() {
        properties.put("kftray.home", " /opt/kf ");
        assertEquals(Path.of("/opt/kf"), resolve(Map.of()).directory());
    }

    @Test
    void relativeDirectoriesBecomeAbsolute() {
        properties.put("kftray.home", "relative/kf");
        assertEquals(Path.of("relative/kf").toAbsolutePath(), resolve(Map.of()).directory());
        properties.remove("kftray.home");
        assertEquals(Path.of("kf").toAbsolutePath(), resolve(Map.of("KFTRAY_HOME", "kf")).directory());
        properties.put("user.home", "someone");
        assertEquals(Path.of("someone", ".kftray").toAbsolutePath(), resolve(Map.of()).directory());
        assertEquals(Path.of("kf").toAbsolutePath(), KftrayHome.of(Path.of("kf")).directory());
    }

    @Test
    void currentFollowsTheSystemProperty() {
        String before = System.getProperty(KftrayHome.PROPERTY);
        System.setProperty(KftrayHome.PROPERTY, temp.toString());
        try {
            assertEquals(KftrayHome.of(temp), KftrayHome.current());
        } finally {
            if (before == null) {
                System.clearProperty(KftrayHome.PROPERTY);
            } else {
                System.setProperty(KftrayHome.PROPERTY, before);
            }
        }
    }

    @Test
    void namesTheFilesInTheHome() {
        KftrayHome home = KftrayHome.of(Path.of("/opt/kf"));
        assertEquals(Path.of("/opt/kf/kftray.db"), home.database());
        assertEquals(Path.of("/opt/kf/http_logs"), home.httpLogs());
        assertEquals(Path.of("/opt/kf/bundles"), home.deployDirectory());
        assertEquals(Path.of("/opt/kf/cache"), home.cache());
    }

    @Test
    void isAValueOfItsDirectory() {
        assertEquals(KftrayHome.of(Path.of("/opt/kf")), KftrayHome.of(Path.of("/opt/kf")));
        assertEquals(KftrayHome.of(Path.of("/opt/kf")).hashCode(), KftrayHome.of(Path.of("/opt/kf")).hashCode());
        assertNotEquals(KftrayHome.of(Path.of("/opt/kf")), KftrayHome.of(Path.of("/opt/other")));
        assertEquals("KftrayHome[directory=/opt/kf]", KftrayHome.of(Path.of("/opt/kf")).toString());
    }

    @Test
    void createsMissingDirectoriesOwnerOnly() throws IOException {
        Path dir = temp.resolve("a").resolve("b");
        assertSame(dir, KftrayHome.createOwnerOnly(dir));
        assertTrue(Files.isDirectory(dir));
        if (isPosix()) {
            assertEquals("rwx------", mode(dir));
            assertEquals("rwx------", mode(dir.getParent()));
        }
    }

    @Test
    void leavesAnExistingDirectoryAsItIs() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("shared"));
        if (isPosix()) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertSame(dir, KftrayHome.createOwnerOnly(dir));
        if (isPosix()) {
            assertEquals("rwxr-xr-x", mode(dir));
        }
    }

    @Test
    void failsWhereAFileIsInTheWay() throws IOException {
        Path file = Files.createFile(temp.resolve("file"));
        assertThrows(IOException.class, () -> KftrayHome.createOwnerOnly(file));
        assertThrows(IOException.class, () -> KftrayHome.createOwnerOnly(file.resolve("below")));
    }

    private boolean isPosix() {
        return temp.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
