package app.kftray.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness end to end with a few MiB: every path measured, table printed, JSON written. */
class EmulatorBenchSmokeTest {
    @TempDir
    Path out;

    @Test
    void measuresAllPathsAndWritesJson() throws Exception {
        List<EmulatorBench.Variant> variants = EmulatorBench.run(4L << 20, out);
        assertEquals(3, variants.size());
        variants.forEach(v -> assertEquals(4L << 20, v.result().bytes(), v.name()));
        JsonNode json = new ObjectMapper().readTree(out.resolve("emulator.json").toFile());
        assertEquals("emulator", json.path("benchmark").asText());
        assertEquals(3, json.path("results").size());
        assertTrue(json.path("summary").path("direct_mib_per_s").asDouble() > 0, json.toString());
        assertTrue(json.path("summary").path("kubectl_websocket_to_direct").asDouble() > 0, json.toString());
    }

    @Test
    void tableLinesUpColumns() {
        var bytes = new java.io.ByteArrayOutputStream();
        new ResultTable("path", "MiB/s").row("direct", "10.00").row("kubectl", "2.50")
                .print(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("path     MiB/s", "-------  -----", "direct   10.00", "kubectl  2.50"), lines);
    }
}
