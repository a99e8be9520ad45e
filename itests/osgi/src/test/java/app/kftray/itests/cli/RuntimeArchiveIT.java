package app.kftray.itests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code KFTRAY_CDS=runtime}: the first {@code --headless} records the runtimes' class data sharing
 * archive while it runs, as the script's own process (a kill leaves nothing behind), and the next
 * runtime maps it.
 */
class RuntimeArchiveIT {
    @TempDir
    Path home;

    @Test
    void theFirstHeadlessRecordsTheArchiveWhileItRunsAndTheNextOneMapsIt() throws Exception {
        Path cache = home.resolve("cache");
        try (KftrayProcess first = KftrayProcess.launch(home, Map.of("KFTRAY_CDS", "runtime"), "--headless")) {
            first.await("class data sharing archive for later starts written in", 120);
        } // killed with SIGKILL
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine()
                .filter(line -> line.contains("-Dkftray.home=" + home)).isPresent()),
                "the killed runtime left no process behind");
        List<Path> archives = files(cache, "kftray-runtime-*.jsa");
        assertEquals(1, archives.size(), "one archive in " + files(cache, "*"));
        assertEquals(List.of(), files(cache, "*.tmp"), "no partial archive is left");
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(archives.get(0))));
        // with -Xshare:on the JVM refuses to start unless it maps the archive
        try (KftrayProcess second = KftrayProcess.launch(home,
                Map.of("KFTRAY_CDS", "runtime", "KFTRAY_JAVA_OPTS", "-Xshare:on"), "--headless")) {
            second.await("components satisfied in", 60);
        }
        assertEquals(archives, files(cache, "kftray-runtime-*.jsa"), "a mapped archive is not recorded again");
    }

    private static List<Path> files(Path directory, String glob) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, glob)) {
            entries.forEach(found::add);
        }
        return found;
    }
}
