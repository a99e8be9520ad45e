package app.kftray.ui.swt.internal;

import app.kftray.api.SettingKeys;
import app.kftray.api.model.FieldError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.eclipse.swt.widgets.Text;

/**
 * The application settings, kept in the database's settings table (keys of {@link SettingKeys}):
 * HTTP-log defaults, the network monitor and auto-stop, starting with the desktop session (an XDG
 * autostart entry) and the helper's state. A value out of range is shown next to its field and
 * nothing is saved. Two more tabs reach the Git sync and the auto-import services, when installed.
 */
final class SettingsDialog {
    private static final String AUTOSTART = "autostart";

    private final Desktop desktop;
    private final UiServices services;
    private final XdgAutostart autostart;
    private final Shell shell;
    private final Composite fields;
    private final DialogForm form;
    private final Map<String, Text> numbers = new LinkedHashMap<>();
    private final Map<String, Button> flags = new LinkedHashMap<>();
    private final Combo bodyLevel;
    private final Button startWithSession;
    private final Label helperState;
    private final Label generalError;
    private final Button save;

    SettingsDialog(Desktop desktop, UiServices services) {
        this.desktop = desktop;
        this.services = services;
        this.autostart = XdgAutostart.of(services.environment(), Path.of(System.getProperty("user.home")));
        shell = WidgetIds.name(new Shell(desktop.window().shell(), SWT.DIALOG_TRIM | SWT.RESIZE), "settings");
        shell.setText("kftray settings");
        shell.setLayout(new GridLayout(1, false));
        TabFolder tabs = WidgetIds.name(new TabFolder(shell, SWT.TOP), "settings.tabs");
        tabs.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Composite general = tab(tabs, "&General");
        fields = DialogForm.scrollingFields(general);
        form = new DialogForm(fields, "settings");

        DialogForm logs = section("HTTP logs");
        flags.put(SettingKeys.HTTP_LOGS_DEFAULT_ENABLED,
                logs.check(SettingKeys.HTTP_LOGS_DEFAULT_ENABLED, "&Log HTTP traffic of forwards that do not say"));
        number(logs, SettingsValues.MAX_FILE_SIZE, "Max file si&ze (MiB)", "1-1000; a full file rotates");
        number(logs, SettingsValues.RETENTION_DAYS, "&Keep for (days)", "1-365");
        number(logs, SettingsValues.TOTAL_SIZE_CAP, "&Total size cap (MiB)", "all logs together; oldest go first");
        bodyLevel = logs.combo(SettingKeys.HTTP_LOGS_BODY_LEVEL, "&Body level", false);
        bodyLevel.setItems(SettingsValues.BODY_LEVELS.toArray(String[]::new));

        DialogForm network = section("Network");
        flags.put(SettingKeys.NETWORK_MONITOR, network.check(SettingKeys.NETWORK_MONITOR,
                "&Network monitor: re-check forwards when the network changes"));
        flags.put(SettingKeys.HEALTH_CHECK, network.check(SettingKeys.HEALTH_CHECK,
                "&Health check: connect to each forward's local port"));
        number(network, SettingsValues.AUTO_STOP_MINUTES, "&Auto-stop after (minutes)", "offline this long; 0 = never");

        DialogForm session = section("Desktop");
        startWithSession = session.check(AUTOSTART, "&Start kftray with the desktop session");
        startWithSession.setToolTipText("writes or removes " + autostart.file());

        DialogForm helper = section("Helper");
        helperState = helper.note("helper", "Helper state", "checking the helper...");
        form.done();

        generalError = DialogForm.errorLine(general, "settings.error");
        Composite buttons = DialogForm.buttonRow(general, 2);
        save = DialogForm.button(buttons, "settings.save", "&Save");
        save.setEnabled(false);
        save.addListener(SWT.Selection, e -> save());
        DialogForm.button(buttons, "settings.cancel", "&Cancel").addListener(SWT.Selection, e -> shell.dispose());
        shell.setDefaultButton(save);

        GitSyncTab.build(desktop, services.sync().get(), tab(tabs, "Git s&ync"));
        AutoImportTab.build(desktop, services.kube(), services.discovery().get(), tab(tabs, "Auto-i&mport"));
    }

    /** @return the content of a new tab, a one-column grid */
    private static Composite tab(TabFolder tabs, String title) {
        TabItem item = new TabItem(tabs, SWT.NONE);
        item.setText(title);
        Composite content = new Composite(tabs, SWT.NONE);
        content.setLayout(new GridLayout(1, false));
        item.setControl(content);
        return content;
    }

    /** A heading over the rows that follow; one grid for all, so captions and inputs line up. */
    private DialogForm section(String title) {
        DialogForm.heading(fields, title);
        return form;
    }

    private void number(DialogForm form, app.kftray.api.SettingRules.Range range, String caption, String hint) {
        numbers.put(range.key(), form.text(range.key(), caption, hint));
    }

    void open() {
        shell.pack();
        DialogForm.placeOver(shell, desktop.window().shell());
        shell.open();
        desktop.async(this::load, this::fill, "reading the settings");
        desktop.async(services::describeHelper, state -> {
            if (!helperState.isDisposed()) {
                helperState.setText(state + (state.contains("install") ? ""
                        : "\nInstall or update it with: sudo kftray helper install"));
                DialogForm.growToFit(shell);
            }
        }, "asking the helper");
    }

    /** What the form shows when it opens. */
    private record Loaded(Map<String, String> numbers, Map<String, Boolean> flags, String bodyLevel,
                          boolean autostart) {
    }

    private Loaded load() {
        Map<String, Optional<String>> stored = new HashMap<>();
        java.util.function.Function<String, Optional<String>> read =
                key -> stored.computeIfAbsent(key, services.configs()::setting);
        Map<String, String> shownNumbers = new LinkedHashMap<>();
        SettingsValues.RANGES.forEach(range -> shownNumbers.put(range.key(), SettingsValues.display(read, range)));
        Map<String, Boolean> shownFlags = new LinkedHashMap<>();
        SettingsValues.FLAGS.keySet().forEach(key -> shownFlags.put(key, SettingsValues.flag(read, key)));
        return new Loaded(shownNumbers, shownFlags, SettingsValues.bodyLevel(read), autostart.enabled());
    }

    private void fill(Loaded loaded) {
        if (shell.isDisposed()) {
            return;
        }
        loaded.numbers().forEach((key, text) -> numbers.get(key).setText(text));
        loaded.flags().forEach((key, on) -> flags.get(key).setSelection(on));
        bodyLevel.setText(loaded.bodyLevel());
        startWithSession.setSelection(loaded.autostart());
        save.setEnabled(true);
    }

    private void save() {
        Map<String, String> typed = new LinkedHashMap<>();
        numbers.forEach((key, text) -> typed.put(key, text.getText()));
        Map<String, Boolean> checked = new LinkedHashMap<>();
        flags.forEach((key, button) -> checked.put(key, button.getSelection()));
        SettingsValues.Checked result = SettingsValues.check(typed, checked, bodyLevel.getText());
        showErrors(result.errors());
        if (!result.errors().isEmpty()) {
            return;
        }
        boolean startAtLogin = startWithSession.getSelection();
        Path launcher = services.launcher();
        if (startAtLogin && launcher == null) {
            showErrors(List.of(new FieldError(AUTOSTART, "cannot tell where kftray is installed (no kftray.dist)")));
            return;
        }
        desktop.async(() -> store(result.values(), startAtLogin, launcher), error -> {
            if (shell.isDisposed()) {
                return;
            }
            if (error.isPresent()) {
                showErrors(List.of(new FieldError(AUTOSTART, error.get())));
            } else {
                desktop.feedback("Settings saved.", false);
                shell.dispose();
            }
        }, "saving the settings");
    }

    /** @return why the autostart entry could not be changed; then no setting was written */
    private Optional<String> store(Map<String, String> values, boolean startAtLogin, Path launcher) {
        try {
            if (startAtLogin) {
                autostart.enable(launcher);
            } else {
                autostart.disable();
            }
        } catch (IOException | UncheckedIOException e) {
            return Optional.of("cannot change " + autostart.file() + ": " + e.getMessage());
        }
        values.forEach(services.configs()::putSetting);
        return Optional.empty();
    }

    private void showErrors(List<FieldError> problems) {
        List<FieldError> unplaced = form.showErrors(problems);
        generalError.setText(unplaced.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        DialogForm.growToFit(shell);
    }
}
