package app.kftray.ui.swt.internal;

import app.kftray.api.ConfigDiscovery.Discovery;
import java.util.ArrayList;
import java.util.List;

/** The lines under the auto-import list: what a discovery found or did, why namespaces were left out, what it skipped. */
final class DiscoverySummary {
    private DiscoverySummary() {
    }

    /**
     * @param discovery what a discovery found and did
     * @return what the user reads under the list: what happened, why namespaces were left out, skipped items
     */
    static String of(Discovery discovery) {
        List<String> lines = new ArrayList<>();
        String where = discovery.namespaces().isEmpty() ? "no namespace" : String.join(", ", discovery.namespaces());
        if (discovery.imported() == null) {
            lines.add("Dry run: " + discovery.found().size() + " forward(s) found in " + where + "; nothing saved."
                    + (discovery.found().isEmpty() ? "" : " Import adds the new ones and updates the saved ones"
                    + " they match."));
        } else {
            lines.add("Imported from " + where + ": " + discovery.imported().created().size() + " created, "
                    + discovery.imported().updated().size() + " updated, " + discovery.imported().unchanged()
                    + " unchanged.");
        }
        if (discovery.note() != null) {
            lines.add("Note: " + discovery.note());
        }
        discovery.skipped().forEach(line -> lines.add("Skipped " + line));
        return String.join("\n", lines);
    }
}
