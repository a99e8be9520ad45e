package app.kftray.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StorageHomeTest {
    private final Properties properties = new Properties();

    StorageHomeTest() {
        properties.setProperty("user.home", "/home/someone");
    }

    @Test
    void defaultsToDotKftrayInTheHomeDirectory() {
        assertEquals(Path.of("/home/someone/.kftray"), StorageHome.directory(Map.of(), properties));
    }

    @Test
    void environmentVariableOverridesTheDefault() {
        assertEquals(Path.of("/data/kf"), StorageHome.directory(Map.of("KFTRAY_HOME", "/data/kf"), properties));
    }

    @Test
    void systemPropertyOverridesTheEnvironment() {
        properties.setProperty("kftray.home", "/opt/kf");
        assertEquals(Path.of("/opt/kf"), StorageHome.directory(Map.of("KFTRAY_HOME", "/data/kf"), properties));
    }

    @Test
    void blankOverridesAreIgnored() {
        properties.setProperty("kftray.home", " ");
        assertEquals(Path.of("/home/someone/.kftray"), StorageHome.directory(Map.of("KFTRAY_HOME", ""), properties));
    }
}
