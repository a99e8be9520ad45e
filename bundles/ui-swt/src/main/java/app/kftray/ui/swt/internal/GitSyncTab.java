package app.kftray.ui.swt.internal;

import app.kftray.api.ConfigSync;
import app.kftray.api.ConfigSync.Auth;
import app.kftray.api.ConfigSync.Settings;
import app.kftray.api.ConfigSync.Status;
import app.kftray.api.model.FieldError;
import java.util.List;
import java.util.Optional;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * The settings dialog's Git sync tab: where the kftray configs.json lives, how to authenticate,
 * "Save and sync now" with its result, the status line, "Sync now" and "Turn off". A token goes
 * to the OS keyring through the sync service (never into the database) and leaves the form once
 * saved. Without the sync service the tab says so.
 */
final class GitSyncTab {
    private final Desktop desktop;
    private final ConfigSync sync;
    private final Shell shell;
    private final DialogForm form;
    private final Text url;
    private final Text branch;
    private final Text path;
    private final Text minutes;
    private final Button flush;
    private final Combo auth;
    private final Text token;
    private final Text keyFile;
    private final Button tokenFile;
    private final Label status;
    private final Label error;
    private final List<Button> actions;

    private GitSyncTab(Desktop desktop, ConfigSync sync, Composite tab) {
        this.desktop = desktop;
        this.sync = sync;
        this.shell = tab.getShell();
        Composite fields = DialogForm.scrollingFields(tab);
        form = new DialogForm(fields, "sync");
        DialogForm.heading(fields, "Repository");
        url = form.text(SyncForm.URL, "Repository &URL", "https://host/org/repo.git or git@host:org/repo.git");
        branch = form.text(SyncForm.BRANCH, "&Branch", "empty: the repository's default branch");
        path = form.text(SyncForm.PATH, "&File in repository", "e.g. configs.json");
        minutes = form.text(SyncForm.INTERVAL, "&Poll every (minutes)", "1-1440; while kftray runs");
        flush = form.check("flush", "&Replace the saved forwards instead of merging");
        DialogForm.heading(fields, "Credentials");
        auth = form.combo(SyncForm.AUTH, "Aut&hentication", false);
        auth.setItems(SyncForm.AUTH_CHOICES.toArray(String[]::new));
        auth.select(0);
        token = form.text(SyncForm.TOKEN, "&Token", "kept in the OS keyring; empty: keep the stored one");
        keyFile = form.text(SyncForm.KEY_FILE, "SSH &key file", "for SSH key file authentication");
        tokenFile = form.check("tokenFile", "Without a keyring, keep the token in an owner-only fi&le");
        status = form.note("status", "Status", "reading the sync status...");
        form.done();
        token.setEchoChar('•'); // masked as typed

        error = DialogForm.errorLine(tab, "sync.error");
        Composite buttons = DialogForm.buttonRow(tab, 3);
        Button save = DialogForm.button(buttons, "sync.save", "&Save and sync now");
        save.addListener(SWT.Selection, e -> saveAndSync());
        Button now = DialogForm.button(buttons, "sync.now", "Sync &now");
        now.addListener(SWT.Selection, e -> run(() -> sync.syncNow(false), "syncing"));
        Button off = DialogForm.button(buttons, "sync.off", "Turn &off");
        off.addListener(SWT.Selection, e -> run(() -> {
            sync.disable();
            return sync.status();
        }, "turning sync off"));
        actions = List.of(save, now, off);
    }

    /**
     * Builds the tab's content: the form when the sync service is there, else a line saying it is not.
     *
     * @param desktop the desktop
     * @param sync    the sync service, or {@code null} when its bundle is not installed
     * @param tab     the tab's composite (one-column grid)
     */
    static void build(Desktop desktop, ConfigSync sync, Composite tab) {
        if (sync == null) {
            DialogForm.textLine(tab, "sync.absent", "Git sync is not installed in this kftray runtime (its bundle,"
                    + " app.kftray.sync, is missing). The desktop and headless features include it.");
            return;
        }
        new GitSyncTab(desktop, sync, tab).load();
    }

    private void load() {
        desktop.async(() -> Attempt.of(() -> new Loaded(sync.settings(), sync.status())), loaded -> {
            if (loaded.error() != null) {
                showError(new FieldError("", loaded.error()));
            } else {
                fill(loaded.value());
            }
        }, "reading the sync settings");
    }

    private record Loaded(Optional<Settings> settings, Status status) {
    }

    private void fill(Loaded loaded) {
        if (shell.isDisposed()) {
            return;
        }
        Settings saved = loaded.settings().orElse(null);
        minutes.setText(saved == null ? "10" : SyncForm.minutes(saved));
        if (saved != null) {
            url.setText(saved.url());
            branch.setText(saved.branch() == null ? "" : saved.branch());
            path.setText(saved.path());
            flush.setSelection(saved.flush());
            auth.select(saved.auth().ordinal());
            keyFile.setText(saved.keyFile() == null ? "" : saved.keyFile());
            tokenFile.setSelection(saved.tokenFile());
        }
        showStatus(loaded.status());
    }

    private void saveAndSync() {
        SyncForm.Checked checked = SyncForm.check(new SyncForm.Typed(url.getText(), branch.getText(), path.getText(),
                minutes.getText(), flush.getSelection(), auth.getSelectionIndex(), keyFile.getText(),
                tokenFile.getSelection()));
        if (!checked.errors().isEmpty()) {
            showErrors(checked.errors());
            return;
        }
        String typedToken = token.getText().isBlank() || checked.settings().auth() != Auth.TOKEN ? null
                : token.getText().strip();
        run(() -> {
            sync.configure(checked.settings(), typedToken);
            return sync.syncNow(true);
        }, "saving the sync settings");
    }

    /** Runs a sync call off the UI thread; buttons wait meanwhile, the outcome lands in the status and error lines. */
    private void run(java.util.function.Supplier<Status> call, String what) {
        actions.forEach(b -> b.setEnabled(false));
        showErrors(List.of());
        status.setText(Character.toUpperCase(what.charAt(0)) + what.substring(1) + "...");
        desktop.async(() -> Attempt.of(call), outcome -> {
            if (shell.isDisposed()) {
                return;
            }
            actions.forEach(b -> b.setEnabled(true));
            if (outcome.error() != null) {
                status.setText("Not changed.");
                showError(SyncForm.placed(outcome.error()));
                return;
            }
            token.setText(""); // stored in the keyring now; the form keeps no copy
            showStatus(outcome.value());
        }, what);
    }

    private void showStatus(Status current) {
        status.setText(SyncForm.statusLine(current));
        showErrors(current.lastError() == null ? List.of()
                : List.of(new FieldError("", SyncForm.inDialogWords(current.lastError()))));
    }

    private void showError(FieldError problem) {
        showErrors(List.of(problem));
    }

    private void showErrors(List<FieldError> problems) {
        List<FieldError> unplaced = form.showErrors(problems);
        error.setText(String.join("; ", unplaced.stream().map(FieldError::message).toList()));
        error.getParent().layout(true, true);
    }
}
