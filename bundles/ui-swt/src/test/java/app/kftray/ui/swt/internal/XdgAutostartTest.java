package app.kftray.ui.swt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XdgAutostartTest {
    @TempDir
    Path dir;

    @Test
    void theEntryGoesToXdgConfigHomeAndIsRemovedAgain() throws Exception {
        XdgAutostart autostart = XdgAutostart.of(Map.of("XDG_CONFIG_HOME", dir.resolve("config").toString()),
                dir.resolve("home"));
        assertEquals(dir.resolve("config/autostart/kftray.desktop"), autostart.file());
        assertFalse(autostart.enabled());
        autostart.enable(Path.of("/opt/kf tray/bin/kftray"));
        assertTrue(autostart.enabled());
        String entry = Files.readString(autostart.file());
        assertTrue(entry.startsWith("[Desktop Entry]\nType=Application\nName=kftray\n"), entry);
        assertTrue(entry.contains("\nExec=\"/opt/kf tray/bin/kftray\" --feature desktop\n"), entry);
        autostart.disable();
        assertFalse(autostart.enabled());
        autostart.disable(); // already gone: nothing to do
    }

    @Test
    void withoutXdgConfigHomeOrWithARelativeOneItIsUnderDotConfig() {
        assertEquals(dir.resolve("home/.config/autostart/kftray.desktop"),
                XdgAutostart.of(Map.of(), dir.resolve("home")).file());
        assertEquals(dir.resolve("home/.config/autostart/kftray.desktop"),
                XdgAutostart.of(Map.of("XDG_CONFIG_HOME", "relative/dir"), dir.resolve("home")).file());
    }

    @Test
    void execArgumentsAreQuotedAsTheDesktopEntrySpecificationAsks() {
        assertEquals("/usr/bin/kftray", XdgAutostart.quote("/usr/bin/kftray"));
        assertEquals("\"/a b/$x\"".replace("$", "\\\\$"), XdgAutostart.quote("/a b/$x"));
    }
}
