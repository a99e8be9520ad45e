package app.kftray.ui.swt.internal;

import app.kftray.api.ConflictException;
import app.kftray.api.InvalidConfigException;
import app.kftray.api.model.FieldError;
import app.kftray.api.model.LocalPortInput;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.WorkloadType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Adds or edits a forward: every field of {@link ForwardConfig}, drop-downs filled from the
 * cluster, and the messages of {@link ForwardConfig#validate()} shown next to the fields
 * (live once the user tried to save). Saving goes to the config store off the UI thread.
 */
final class ConfigDialog {
    private final Desktop desktop;
    private final UiServices services;
    private final ForwardConfig original;
    private final Shell shell;
    private final DialogForm form;
    private final Label generalError;
    private final Text alias;
    private final Text kubeconfig;
    private final Combo context;
    private final Combo namespace;
    private final Combo workloadType;
    private final Combo service;
    private final Text target;
    private final Combo remotePort;
    private final Text localPort;
    private final Text localAddress;
    private final Combo protocol;
    private final Text remoteAddress;
    private final Button autoLoopback;
    private final Button domain;
    private final Button httpLogs;
    private final Button autoStart;
    private final Text group;
    private final Label helperState;
    private final ClusterChoices choices;
    private boolean validateLive;

    /**
     * @param desktop  the UI
     * @param services runtime services
     * @param original the definition to edit, or {@code null} to add one
     */
    ConfigDialog(Desktop desktop, UiServices services, ForwardConfig original) {
        this.desktop = desktop;
        this.services = services;
        this.original = original;
        shell = WidgetIds.name(new Shell(desktop.window().shell(), SWT.DIALOG_TRIM | SWT.RESIZE), "dialog");
        shell.setText(original == null ? "Add forward" : "Edit forward " + original.displayName());
        shell.setLayout(new GridLayout(1, false));
        Composite fields = DialogForm.scrollingFields(shell);
        form = new DialogForm(fields, "dialog");
        alias = form.text("alias", "&Alias", "name shown in lists, e.g. web");
        kubeconfig = form.text("kubeconfig", "&Kubeconfig", "default: KUBECONFIG or ~/.kube/config");
        context = form.combo("context", "C&ontext", true);
        namespace = form.combo("namespace", "&Namespace", true);
        workloadType = form.combo("workload_type", "&Workload type", false);
        workloadType.setItems(Arrays.stream(WorkloadType.values()).map(WorkloadType::jsonName).toArray(String[]::new));
        service = form.combo("service", "S&ervice", true);
        target = form.text("target", "Pod se&lector", "for pod workloads, e.g. app=web");
        remotePort = form.combo("remote_port", "&Remote port", true);
        localPort = form.text("local_port", "Local &port", "0 picks a free port");
        localAddress = form.text("local_address", "Local a&ddress", ForwardConfig.DEFAULT_LOCAL_ADDRESS);
        protocol = form.combo("protocol", "Pro&tocol", true);
        protocol.setItems(services.forwards().protocols().stream().sorted().toArray(String[]::new));
        remoteAddress = form.text("remote_address", "Re&mote address", "for proxy workloads: host behind the relay");
        group = form.text("group", "&Group", "optional: listed under it instead of its context");
        autoLoopback = form.check("auto_loopback_address", "&Use a dedicated 127.0.0.N address");
        domain = form.check("domain_enabled", "Add a &hosts entry for the alias");
        helperState = form.note("helper", "Helper", "checking the helper...");
        httpLogs = form.check("http_logs_enabled", "Log HTTP tra&ffic");
        autoStart = form.check("auto_start", "Start w&ith kftray");
        form.done();
        generalError = DialogForm.errorLine(shell, "dialog.error");
        Composite buttons = DialogForm.buttonRow(shell, 2);
        Button save = DialogForm.button(buttons, "dialog.save", "&Save");
        save.addListener(SWT.Selection, e -> save());
        DialogForm.button(buttons, "dialog.cancel", "&Cancel").addListener(SWT.Selection, e -> shell.dispose());
        shell.setDefaultButton(save);
        fill(original != null ? original : ForwardConfig.builder().build());
        choices = new ClusterChoices(desktop, services.kube(), kubeconfig, context, namespace, service, remotePort);
        for (org.eclipse.swt.widgets.Control input : fields.getChildren()) {
            input.addListener(SWT.Modify, e -> revalidate());
            input.addListener(SWT.Selection, e -> revalidate());
        }
    }

    void open() {
        shell.pack();
        DialogForm.placeOver(shell, desktop.window().shell());
        shell.open();
        choices.loadContexts();
        // the two check boxes above it need the helper: say whether it is there and what to do if not
        desktop.async(services::describeHelper, state -> {
            if (!helperState.isDisposed()) {
                helperState.setText(state);
                DialogForm.growToFit(shell);
            }
        }, "asking the helper");
    }

    private void fill(ForwardConfig c) {
        alias.setText(orEmpty(c.alias()));
        kubeconfig.setText(orEmpty(c.kubeconfig()));
        context.setText(orEmpty(c.context()));
        namespace.setText(orEmpty(c.namespace()));
        workloadType.setText((c.workloadType() == null ? WorkloadType.SERVICE : c.workloadType()).jsonName());
        service.setText(orEmpty(c.service()));
        target.setText(orEmpty(c.target()));
        remotePort.setText(orEmpty(c.remotePort()));
        localPort.setText(Integer.toString(c.localPort()));
        localAddress.setText(orEmpty(c.localAddress()));
        protocol.setText(c.protocol());
        remoteAddress.setText(orEmpty(c.remoteAddress()));
        autoLoopback.setSelection(c.autoLoopbackAddress());
        domain.setSelection(c.domainEnabled());
        httpLogs.setSelection(c.httpLogsEnabled());
        autoStart.setSelection(c.autoStart());
        group.setText(orEmpty(c.group()));
    }

    /** The definition as typed, and the problems that typing alone causes (a port that is no number). */
    private record Typed(ForwardConfig config, List<FieldError> typingErrors) {
    }

    private Typed read() {
        List<FieldError> typing = new ArrayList<>();
        int port = LocalPortInput.parse(localPort.getText(), typing);
        ForwardConfig config = ForwardConfig.builder()
                .id(original == null ? null : original.id())
                .alias(ClusterChoices.blankToNull(alias.getText()))
                .kubeconfig(ClusterChoices.blankToNull(kubeconfig.getText()))
                .context(ClusterChoices.blankToNull(context.getText()))
                .namespace(ClusterChoices.blankToNull(namespace.getText()))
                .workloadType(WorkloadType.parse(workloadType.getText()).orElse(null))
                .service(ClusterChoices.blankToNull(service.getText()))
                .target(ClusterChoices.blankToNull(target.getText()))
                .remotePort(ClusterChoices.blankToNull(remotePort.getText()))
                .localPort(port)
                .localAddress(ClusterChoices.blankToNull(localAddress.getText()))
                .protocol(ClusterChoices.blankToNull(protocol.getText()))
                .remoteAddress(ClusterChoices.blankToNull(remoteAddress.getText()))
                .autoLoopbackAddress(autoLoopback.getSelection())
                .domainEnabled(domain.getSelection())
                .httpLogsEnabled(httpLogs.getSelection())
                .autoStart(autoStart.getSelection())
                .group(ClusterChoices.blankToNull(group.getText()))
                .build();
        return new Typed(config, typing);
    }

    private List<FieldError> problems(Typed typed) {
        List<FieldError> all = new ArrayList<>(typed.typingErrors());
        all.addAll(typed.config().validate());
        return all;
    }

    private void revalidate() {
        if (validateLive && !shell.isDisposed()) {
            showErrors(problems(read()));
        }
    }

    private void showErrors(List<FieldError> problems) {
        List<FieldError> unplaced = form.showErrors(problems);
        generalError.setText(unplaced.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        shell.layout(true, true);
    }

    private void save() {
        validateLive = true;
        Typed typed = read();
        List<FieldError> problems = problems(typed);
        showErrors(problems);
        if (!problems.isEmpty()) {
            return;
        }
        ForwardConfig config = typed.config();
        desktop.async(() -> store(config), outcome -> {
            if (shell.isDisposed()) {
                return;
            }
            if (outcome.saved() != null) {
                desktop.model().putConfig(outcome.saved());
                desktop.refresh();
                desktop.feedback("Saved " + outcome.saved().displayName() + ".", false);
                shell.dispose();
            } else {
                showErrors(outcome.errors());
            }
        }, "saving " + config.displayName());
    }

    /** What the store said: the saved definition, or why it refused. */
    private record Outcome(ForwardConfig saved, List<FieldError> errors) {
    }

    private Outcome store(ForwardConfig config) {
        try {
            return new Outcome(config.id() == null ? services.configs().create(config) : services.configs().update(config),
                    List.of());
        } catch (InvalidConfigException e) {
            return new Outcome(null, e.errors());
        } catch (ConflictException e) {
            return new Outcome(null, List.of(new FieldError("alias", e.getMessage())));
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
