package app.kftray.ui.swt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.kftray.api.ConfigDiscovery.Discovery;
import app.kftray.api.ConfigStore.ImportResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoverySummaryTest {
    @Test
    void aDryRunSaysNothingWasSavedAndListsNoteAndSkippedItems() {
        Discovery dry = new Discovery(List.of("dev"), "no permission to list namespaces; looked in the context's"
                + " namespace dev", List.of(), List.of("dev/web: item 'x' is not alias-localPort-targetPort"), null);
        assertEquals(String.join("\n", "Dry run: 0 forward(s) found in dev; nothing saved.",
                "Note: no permission to list namespaces; looked in the context's namespace dev",
                "Skipped dev/web: item 'x' is not alias-localPort-targetPort"), DiscoverySummary.of(dry));
    }

    @Test
    void anImportCountsWhatTheMergeDid() {
        Discovery applied = new Discovery(List.of("dev", "shop"), null, List.of(), List.of(),
                new ImportResult(List.of(4L, 5L), List.of(2L), 3, List.of()));
        assertEquals("Imported from dev, shop: 2 created, 1 updated, 3 unchanged.", DiscoverySummary.of(applied));
    }
}
