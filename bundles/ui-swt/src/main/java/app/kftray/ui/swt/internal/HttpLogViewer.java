package app.kftray.ui.swt.internal;

import app.kftray.api.HttpLogReader;
import app.kftray.api.model.HttpExchangeRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * A forward's HTTP log, live: the exchanges as they are logged (filtered by method, status and
 * path), the selected one's request and response with pretty-printed bodies, "Copy as curl", and
 * "Replay", which sends the request through the forward again and shows the new response beside
 * the original. Says when the log is missing, rotated or truncated, or lines of it are unreadable, and
 * keeps following.
 */
final class HttpLogViewer {
    private static final int INITIAL = 500;
    private static final int KEPT = 2000;
    private static final int CHECK_MILLIS = 2000;
    private static final int[] WIDTHS = {95, 60, 260, 55, 75, 75, 75};

    private final Desktop desktop;
    private final UiServices services;
    private final long configId;
    private final String logName;
    private final Shell shell;
    private final Combo method;
    private final Text status;
    private final Label statusError;
    private final Text path;
    private final Button follow;
    private final Table table;
    private final Text original;
    private final Text replay;
    private final Label state;
    private final List<HttpExchangeRecord> entries = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Replayer replayer = new Replayer();
    private HttpLogReader.Filter filter = HttpLogReader.Filter.all();
    private List<HttpExchangeRecord> shown = List.of();
    private AutoCloseable following;
    private Boolean logPresent;

    HttpLogViewer(Desktop desktop, UiServices services, ForwardRow row, Runnable onClose) {
        this.desktop = desktop;
        this.services = services;
        this.configId = row.config().id();
        this.logName = Long.toString(configId);
        shell = WidgetIds.name(new Shell(desktop.display(), SWT.SHELL_TRIM), "log.window");
        shell.setText("HTTP log — " + row.config().displayName());
        shell.setLayout(new GridLayout(1, false));
        shell.addListener(SWT.Dispose, e -> {
            stopFollowing();
            onClose.run();
        });

        Composite filters = new Composite(shell, SWT.NONE);
        filters.setLayout(new GridLayout(8, false));
        filters.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(filters, SWT.NONE).setText("&Method:");
        method = WidgetIds.name(new Combo(filters, SWT.DROP_DOWN), "log.method");
        method.setItems("", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
        new Label(filters, SWT.NONE).setText("Stat&us:");
        status = WidgetIds.name(new Text(filters, SWT.BORDER), "log.status");
        status.setMessage("404 or 5xx");
        status.setLayoutData(new GridData(70, SWT.DEFAULT));
        new Label(filters, SWT.NONE).setText("&Path contains:");
        path = WidgetIds.name(new Text(filters, SWT.BORDER), "log.path");
        path.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        follow = WidgetIds.name(new Button(filters, SWT.CHECK), "log.follow");
        follow.setText("&Follow newest");
        follow.setSelection(true);
        statusError = WidgetIds.name(new Label(filters, SWT.NONE), "log.filterError");
        statusError.setForeground(desktop.display().getSystemColor(SWT.COLOR_RED));
        statusError.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false));
        method.addListener(SWT.Modify, e -> refilter());
        status.addListener(SWT.Modify, e -> refilter());
        path.addListener(SWT.Modify, e -> refilter());

        SashForm split = new SashForm(shell, SWT.VERTICAL);
        split.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table = WidgetIds.name(new Table(split, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL),
                "log.exchanges");
        Accessibility.name(table, "Logged exchanges");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (int i = 0; i < ExchangeCells.COLUMNS.size(); i++) {
            TableColumn column = new TableColumn(table, SWT.LEFT);
            column.setText(ExchangeCells.COLUMNS.get(i));
            column.setWidth(WIDTHS[i]);
        }
        table.addListener(SWT.Selection, e -> showSelected());
        SashForm sides = new SashForm(split, SWT.HORIZONTAL);
        original = pane(sides, "log.original", "&Original exchange");
        replay = pane(sides, "log.replay", "Re&play result");
        split.setWeights(1, 2);

        Composite buttons = new Composite(shell, SWT.NONE);
        buttons.setLayout(new GridLayout(3, false));
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button curl = WidgetIds.name(new Button(buttons, SWT.PUSH), "log.curl");
        curl.setText("&Copy as curl");
        curl.addListener(SWT.Selection, e -> copyAsCurl());
        Button send = WidgetIds.name(new Button(buttons, SWT.PUSH), "log.replayButton");
        send.setText("&Replay");
        send.addListener(SWT.Selection, e -> replaySelected());
        state = WidgetIds.name(new Label(buttons, SWT.WRAP), "log.state");
        state.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        shell.setSize(980, 560);
    }

    private static Text pane(SashForm parent, String id, String title) {
        Group group = new Group(parent, SWT.NONE);
        group.setText(title);
        group.setLayout(new GridLayout(1, false));
        Text text = WidgetIds.name(new Text(group, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL), id);
        text.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Accessibility.name(text, title.replace("&", ""));
        return text;
    }

    Shell shell() {
        return shell;
    }

    /** Shows the window, loads the newest exchanges and follows the log. */
    void open() {
        shell.open();
        setState("Reading the log…");
        try {
            following = services.httpLogs().follow(logName, HttpLogReader.Filter.all(),
                    entry -> desktop.post(() -> add(entry)));
        } catch (RuntimeException e) {
            setState("Cannot follow the HTTP log: " + e.getMessage());
        }
        desktop.async(() -> services.httpLogs().tail(logName, HttpLogReader.Filter.all(), INITIAL), initial -> {
            initial.forEach(this::add);
            checkLog();
        }, "reading the HTTP log");
    }

    private void add(HttpExchangeRecord entry) {
        if (shell.isDisposed() || !seen.add(ExchangeCells.key(entry))) {
            return;
        }
        entries.add(entry);
        entries.sort(java.util.Comparator.comparing(HttpExchangeRecord::end,
                java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        while (entries.size() > KEPT) {
            seen.remove(ExchangeCells.key(entries.remove(0)));
        }
        if (filter.matches(entry)) {
            showEntries();
        }
    }

    private void refilter() {
        try {
            filter = new HttpLogReader.Filter(blankToNull(status.getText()), blankToNull(method.getText()),
                    blankToNull(path.getText()), null, true);
            statusError.setText("");
        } catch (IllegalArgumentException e) {
            statusError.setText(e.getMessage());
        }
        statusError.getParent().layout(true);
        showEntries();
    }

    private void showEntries() {
        HttpExchangeRecord selected = selected();
        shown = entries.stream().filter(filter::matches).toList();
        table.setRedraw(false);
        try {
            table.setItemCount(shown.size());
            for (int i = 0; i < shown.size(); i++) {
                TableItem item = table.getItem(i);
                item.setText(ExchangeCells.of(shown.get(i)).toArray(String[]::new));
                if (shown.get(i) == selected) {
                    table.setSelection(i);
                }
            }
        } finally {
            table.setRedraw(true);
        }
        if (follow.getSelection() && !shown.isEmpty() && selected == null) {
            table.showItem(table.getItem(shown.size() - 1));
        }
        setState(shown.size() + " of " + entries.size() + " entries shown" + unreadable() + rotated() + presence());
    }

    private String unreadable() {
        long notices = notices("unreadable line").count();
        return notices == 0 ? "" : "; " + notices + " unreadable line(s) of the log skipped";
    }

    /** Says when the followed file was last rotated, replaced or truncated; {@link #presence()} says following goes on. */
    private String rotated() {
        return notices("log file ").reduce((older, newer) -> newer).map(notice -> "; "
                + (notice.notes().get(0).startsWith("log file truncated") ? "the log file was truncated"
                : "the log file was rotated") + " at " + ExchangeCells.of(notice).get(0)).orElse("");
    }

    /** @return the notices of the reader whose text starts so, oldest first */
    private java.util.stream.Stream<HttpExchangeRecord> notices(String start) {
        return entries.stream().filter(e -> e.kind() == HttpExchangeRecord.Kind.NOTICE
                && e.notes().stream().anyMatch(n -> n.startsWith(start)));
    }

    private String presence() {
        if (!desktop.model().row(configId).map(r -> r.config().httpLogsEnabled()).orElse(true)) {
            return "; HTTP logging is off for this forward (turn it on with Edit…)";
        }
        if (Boolean.FALSE.equals(logPresent)) {
            return entries.isEmpty() ? "; no log file yet: waiting for the first request"
                    : "; the log file is gone (deleted or rotated away): waiting for a new one";
        }
        return "; following the log";
    }

    /** Looks every few seconds whether the log file is there, so the window can say when it is not. */
    private void checkLog() {
        if (shell.isDisposed()) {
            return;
        }
        desktop.async(() -> services.httpLogs().forwards().contains(logName), present -> {
            if (!shell.isDisposed()) {
                logPresent = present;
                showEntries();
                desktop.display().timerExec(CHECK_MILLIS, this::checkLog);
            }
        }, "looking for the HTTP log");
    }

    private HttpExchangeRecord selected() {
        int index = table.getSelectionIndex();
        return index < 0 || index >= shown.size() ? null : shown.get(index);
    }

    private void showSelected() {
        HttpExchangeRecord entry = selected();
        if (entry != null) {
            original.setText(BodyText.of(entry));
            replay.setText("");
        }
    }

    /** @return {@code host:port} of the forward when it runs, else empty with a reason shown */
    private java.util.Optional<String> runningAuthority() {
        ForwardRow row = desktop.model().row(configId).orElse(null);
        if (row == null) {
            setState("The forward was deleted.");
            return java.util.Optional.empty();
        }
        if (!row.state().status().isActive() || row.state().boundAddress() == null) {
            replay.setText("Cannot replay: the forward " + row.config().displayName() + " is "
                    + row.state().status() + ". Start it, then replay the request.");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(row.state().boundAddress());
    }

    private java.util.Optional<ReplayRequest> request() {
        HttpExchangeRecord entry = selected();
        if (entry == null) {
            setState("Select an exchange first.");
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(ReplayRequest.of(entry));
        } catch (IllegalArgumentException e) {
            replay.setText("Cannot replay: " + e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private void copyAsCurl() {
        request().ifPresent(request -> {
            ForwardRow row = desktop.model().row(configId).orElse(null);
            String authority = row != null && row.state().boundAddress() != null ? row.state().boundAddress()
                    : row == null ? "127.0.0.1" : row.config().effectiveLocalAddress() + ":" + row.config().localPort();
            Clipboard clipboard = new Clipboard(desktop.display());
            try {
                clipboard.setContents(new Object[] {request.curl(authority)}, new Transfer[] {TextTransfer.getInstance()});
            } finally {
                clipboard.dispose();
            }
            setState("Copied the request as a curl command.");
        });
    }

    private void replaySelected() {
        request().ifPresent(request -> runningAuthority().ifPresent(authority -> {
            replay.setText("Sending " + request.method() + " " + request.target() + " to " + authority + "…");
            desktop.async(() -> replayer.send(request, authority), result -> {
                if (!replay.isDisposed()) {
                    replay.setText(result);
                }
            }, "replaying the request");
        }));
    }

    private void setState(String text) {
        if (!state.isDisposed()) {
            state.setText(text);
            state.getParent().layout(true);
        }
    }

    private void stopFollowing() {
        if (following != null) {
            try {
                following.close();
            } catch (Exception e) {
                // the reader is gone with its bundle: nothing left to stop
            }
            following = null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
