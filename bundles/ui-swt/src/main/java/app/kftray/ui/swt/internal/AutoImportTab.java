package app.kftray.ui.swt.internal;

import app.kftray.api.ConfigDiscovery;
import app.kftray.api.ConfigDiscovery.Discovery;
import app.kftray.api.KubeAccess;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * The settings dialog's auto-import tab: pick a context and namespace, "Preview" lists the forwards
 * the services' {@code kftray.app/*} annotations declare without saving anything, "Import" merges
 * them into the saved forwards. A refused or unreachable cluster is one line under the form.
 * Without the discovery service the tab says so.
 */
final class AutoImportTab {
    private static final List<String> COLUMNS = List.of("Alias", "Namespace", "Service", "Local port", "Target port");
    private static final int[] WIDTHS = {140, 110, 140, 80, 90};

    private final Desktop desktop;
    private final ConfigDiscovery discovery;
    private final Shell shell;
    private final Text kubeconfig;
    private final Combo context;
    private final Combo namespace;
    private final Table found;
    private final Label result;
    private final Label error;
    private final Button preview;
    private final Button apply;
    /** The context and namespace last previewed; "Import" applies exactly those. */
    private Target previewed;

    private record Target(ClusterRef cluster, String namespace) {
    }

    private AutoImportTab(Desktop desktop, KubeAccess kube, ConfigDiscovery discovery, Composite tab) {
        this.desktop = desktop;
        this.discovery = discovery;
        this.shell = tab.getShell();
        Composite fields = new Composite(tab, SWT.NONE);
        fields.setLayout(new GridLayout(3, false));
        fields.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        DialogForm form = new DialogForm(fields, "import");
        kubeconfig = form.text("kubeconfig", "&Kubeconfig", "empty: KUBECONFIG or ~/.kube/config");
        context = form.combo("context", "&Context", true);
        namespace = form.combo("namespace", "&Namespace (empty: all)", true);

        Composite buttons = new Composite(tab, SWT.NONE);
        buttons.setLayout(new GridLayout(2, true));
        preview = DialogForm.button(buttons, "import.preview", "&Preview (dry run)");
        preview.addListener(SWT.Selection, e -> discover(false));
        apply = DialogForm.button(buttons, "import.apply", "&Import the previewed forwards");
        apply.setEnabled(false);
        apply.addListener(SWT.Selection, e -> discover(true));

        found = WidgetIds.name(new Table(tab, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL), "import.found");
        Accessibility.name(found, "Forwards the annotations declare");
        found.setHeaderVisible(true);
        found.setLinesVisible(true);
        for (int i = 0; i < COLUMNS.size(); i++) {
            TableColumn column = new TableColumn(found, SWT.LEFT);
            column.setText(COLUMNS.get(i));
            column.setWidth(WIDTHS[i]);
        }
        GridData tableData = new GridData(SWT.FILL, SWT.FILL, true, true);
        tableData.heightHint = 110;
        found.setLayoutData(tableData);
        result = DialogForm.textLine(tab, "import.result", "Services annotated kftray.app/enabled: \"true\" declare"
                + " forwards; kftray.app/configs names them (alias-localPort-targetPort,...).");
        result.setLayoutData(wide());
        error = DialogForm.errorLine(tab, "import.error");
        error.setLayoutData(wide());

        new ClusterChoices(desktop, kube, kubeconfig, context, namespace, null, null).loadContexts();
        // a changed target needs a new preview before anything is imported
        context.addListener(SWT.Modify, e -> apply.setEnabled(false));
        namespace.addListener(SWT.Modify, e -> apply.setEnabled(false));
        kubeconfig.addListener(SWT.Modify, e -> apply.setEnabled(false));
    }

    private static GridData wide() {
        GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false);
        data.widthHint = 500;
        return data;
    }

    /**
     * Builds the tab's content: the form when the discovery service is there, else a line saying it is not.
     *
     * @param desktop   the desktop
     * @param kube      cluster access (contexts and namespaces to choose from)
     * @param discovery the discovery service, or {@code null} when its bundle is not installed
     * @param tab       the tab's composite (one-column grid)
     */
    static void build(Desktop desktop, KubeAccess kube, ConfigDiscovery discovery, Composite tab) {
        if (discovery == null) {
            DialogForm.textLine(tab, "import.absent", "Auto-import is not installed in this kftray runtime (its"
                    + " bundle, app.kftray.sync, is missing). The desktop and headless features include it.");
            return;
        }
        new AutoImportTab(desktop, kube, discovery, tab);
    }

    private void discover(boolean save) {
        Target target = save ? previewed : new Target(new ClusterRef(ClusterChoices.blankToNull(kubeconfig.getText()),
                ClusterChoices.blankToNull(context.getText())), ClusterChoices.blankToNull(namespace.getText()));
        if (target == null) {
            return;
        }
        preview.setEnabled(false);
        apply.setEnabled(false);
        error.setText("");
        result.setText(save ? "Importing..." : "Looking for annotated services...");
        desktop.async(() -> Attempt.of(() -> discovery.discover(target.cluster(), target.namespace(), save)), outcome -> {
            if (shell.isDisposed()) {
                return;
            }
            preview.setEnabled(true);
            if (outcome.error() != null) {
                found.removeAll();
                result.setText(save ? "Nothing was imported." : "Nothing found.");
                error.setText(outcome.error().replaceAll("\\s+", " ").trim());
            } else {
                show(outcome.value());
                previewed = target;
                apply.setEnabled(!save && !outcome.value().found().isEmpty());
            }
            found.getParent().layout(true, true);
        }, save ? "importing" : "previewing the import");
    }

    private void show(Discovery discovery) {
        found.removeAll();
        for (ForwardConfig config : discovery.found()) {
            new TableItem(found, SWT.NONE).setText(new String[] {config.alias(), config.namespace(), config.service(),
                Integer.toString(config.localPort()), config.remotePort()});
        }
        result.setText(DiscoverySummary.of(discovery));
    }
}
