package app.kftray.helper.hosts;

import app.kftray.helper.request.HostEntry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostsTextTest {
    private static final String SYSTEM = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n# a comment \u00e9\n";

    @Test
    void keepsEverythingOutsideTheBlockByteForByte() throws Exception {
        HostEntry grafana = new HostEntry(1000, "7", "grafana.dev", "127.0.0.2");
        String written = HostsText.parse(SYSTEM).withEntries(List.of(grafana)).render();
        assertEquals(SYSTEM + HostsText.BEGIN + "\n127.0.0.2\tgrafana.dev\t# kftray uid=1000 id=7\n" + HostsText.END + "\n",
                written);

        String edited = written + "10.1.1.1\tadded.later\n";
        HostsText parsed = HostsText.parse(edited);
        assertEquals(List.of(grafana), parsed.entries());
        assertEquals(SYSTEM, parsed.before());
        assertEquals("10.1.1.1\tadded.later\n", parsed.after());
        assertEquals(SYSTEM + "10.1.1.1\tadded.later\n", parsed.withEntries(List.of()).render());
    }

    @Test
    void aFileWithoutFinalNewlineGetsOneBeforeTheBlock() throws Exception {
        String written = HostsText.parse("127.0.0.1 localhost").withEntries(
                List.of(new HostEntry(0, "a", "a.dev", "127.0.0.3"))).render();
        assertTrue(written.startsWith("127.0.0.1 localhost\n" + HostsText.BEGIN + "\n"), written);
    }

    @Test
    void dropsLinesInsideTheBlockThatAreNotEntries() throws Exception {
        String file = SYSTEM + HostsText.BEGIN + "\n127.0.0.2\tok.dev\t# kftray uid=1 id=x\nhand edited\n" + HostsText.END + "\n";
        assertEquals(List.of(new HostEntry(1, "x", "ok.dev", "127.0.0.2")), HostsText.parse(file).entries());
    }

    @Test
    void refusesBrokenMarkers() {
        assertThrows(MalformedHostsFileException.class, () -> HostsText.parse(SYSTEM + HostsText.BEGIN + "\n"));
        assertThrows(MalformedHostsFileException.class, () -> HostsText.parse(SYSTEM + HostsText.END + "\n"));
        String twice = HostsText.BEGIN + "\n" + HostsText.END + "\n";
        MalformedHostsFileException e = assertThrows(MalformedHostsFileException.class, () -> HostsText.parse(twice + twice));
        assertTrue(e.getMessage().endsWith("fix or remove the kftray lines by hand"), e.getMessage());
    }

    @Test
    void aMarkerInsideAnotherLineIsNoMarker() throws Exception {
        String file = "# see " + HostsText.BEGIN + "\n";
        assertEquals(file, HostsText.parse(file).before());
    }
}
