package app.kftray.launcher.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCatalogTest {
    @TempDir
    Path dir;

    @Test
    void expandsIncludesFirstAndListsEachBundleOnce() throws IOException {
        write("base", "name = base\nbundle = a\nbundle = b\n");
        write("extra", "# comment\nname = extra\ninclude = base\nbundle = c\n");
        write("top", "name = top\ninclude = extra\ninclude = base\nbundle = b\nbundle = d\n");

        FeatureCatalog catalog = FeatureCatalog.load(dir);

        assertEquals(Set.of("base", "extra", "top"), catalog.names());
        assertEquals(List.of("a", "b", "c", "d"), catalog.bundlesOf("top"));
    }

    @Test
    void unknownFeatureNamesTheAvailableOnes() throws IOException {
        write("headless", "name = headless\nbundle = a\n");
        LauncherException e = assertThrows(LauncherException.class, () -> FeatureCatalog.load(dir).bundlesOf("desk"));
        assertEquals("unknown feature 'desk'; available: headless", e.getMessage());
    }

    @Test
    void unknownIncludeSaysWhoIncludedIt() throws IOException {
        write("top", "name = top\ninclude = missing\n");
        LauncherException e = assertThrows(LauncherException.class, () -> FeatureCatalog.load(dir).bundlesOf("top"));
        assertTrue(e.getMessage().startsWith("unknown feature 'missing' (included by top)"), e.getMessage());
    }

    @Test
    void includeCycleIsReported() throws IOException {
        write("a", "name = a\ninclude = b\n");
        write("b", "name = b\ninclude = a\n");
        LauncherException e = assertThrows(LauncherException.class, () -> FeatureCatalog.load(dir).bundlesOf("a"));
        assertEquals("feature 'a' includes itself: a -> b -> a", e.getMessage());
    }

    @Test
    void malformedLinesNameFileAndLine() throws IOException {
        write("bad", "name = bad\nbundle\n");
        LauncherException e = assertThrows(LauncherException.class, () -> FeatureCatalog.load(dir));
        assertTrue(e.getMessage().endsWith("bad.feature:2: expected 'key = value', got 'bundle'"), e.getMessage());
    }

    @Test
    void unknownKeyAndMissingNameAreErrors() throws IOException {
        write("odd", "name = odd\nbundles = x\n");
        assertTrue(assertThrows(LauncherException.class, () -> FeatureCatalog.load(dir)).getMessage()
                .contains("unknown key in 'bundles = x'"));
        Files.delete(dir.resolve("odd.feature"));
        write("nameless", "bundle = x\n");
        assertTrue(assertThrows(LauncherException.class, () -> FeatureCatalog.load(dir)).getMessage()
                .endsWith("missing 'name = ...' line"));
    }

    @Test
    void missingDirectoryIsAClearError() {
        LauncherException e = assertThrows(LauncherException.class, () -> FeatureCatalog.load(dir.resolve("none")));
        assertTrue(e.getMessage().endsWith("does not exist"), e.getMessage());
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name + ".feature"), content);
    }
}
