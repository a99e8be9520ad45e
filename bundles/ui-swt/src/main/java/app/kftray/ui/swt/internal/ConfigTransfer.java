package app.kftray.ui.swt.internal;

import app.kftray.api.ConfigStore;
import app.kftray.api.InvalidConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

/** Import and export of kftray-compatible JSON files, with or without a file dialog. */
final class ConfigTransfer {
    private static final String[] EXTENSIONS = {"*.json", "*"};

    private final Desktop desktop;
    private final ConfigStore configs;

    ConfigTransfer(Desktop desktop, ConfigStore configs) {
        this.desktop = desktop;
        this.configs = configs;
    }

    void importWithDialog(Shell parent) {
        FileDialog dialog = new FileDialog(parent, SWT.OPEN);
        dialog.setText("Import forwards (kftray JSON)");
        dialog.setFilterExtensions(EXTENSIONS);
        String file = dialog.open();
        if (file != null) {
            importFrom(Path.of(file));
        }
    }

    void exportWithDialog(Shell parent) {
        FileDialog dialog = new FileDialog(parent, SWT.SAVE);
        dialog.setText("Export forwards (kftray JSON)");
        dialog.setFilterExtensions(EXTENSIONS);
        dialog.setFileName("configs.json");
        dialog.setOverwrite(true);
        String file = dialog.open();
        if (file != null) {
            exportTo(Path.of(file));
        }
    }

    /** @param file a kftray configs.json; nothing is written when an entry is bad */
    void importFrom(Path file) {
        desktop.async(() -> {
            try {
                return configs.importJson(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            } catch (InvalidConfigException e) {
                throw new IllegalArgumentException(file.getFileName() + " was not imported, nothing changed: "
                        + e.getMessage(), e);
            }
        }, result -> desktop.feedback("Imported " + file.getFileName() + ": " + result.created().size() + " new, "
                + result.updated().size() + " updated, " + result.unchanged() + " unchanged"
                + (result.warnings().isEmpty() ? "" : " (" + String.join("; ", result.warnings()) + ")"), false),
                "importing");
    }

    /** @param file where to write every forward as kftray JSON */
    void exportTo(Path file) {
        desktop.async(() -> {
            try {
                return Files.writeString(file, configs.exportJson(List.of()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }, written -> desktop.feedback("Exported all forwards to " + written, false), "exporting");
    }
}
