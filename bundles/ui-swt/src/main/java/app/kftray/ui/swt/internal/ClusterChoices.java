package app.kftray.ui.swt.internal;

import app.kftray.api.KubeAccess;
import app.kftray.api.model.ClusterRef;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Text;

/**
 * Fills the dialog's drop-downs from the cluster, one level after the other: kubeconfig →
 * contexts → namespaces → services → ports (a form without service and port drop-downs stops at
 * namespaces). Lookups run off the UI thread; typing is debounced so a half-typed path is not read.
 */
final class ClusterChoices {
    private static final int DEBOUNCE_MILLIS = 400;

    private final Desktop desktop;
    private final KubeAccess kube;
    private final Text kubeconfig;
    private final Combo context;
    private final Combo namespace;
    private final Combo service;
    private final Combo remotePort;
    private final Runnable loadContexts = this::loadContexts;
    private List<KubeAccess.ServiceInfo> services = List.of();

    /** @param service and {@code remotePort} may be {@code null} (namespaces are the last level then) */
    ClusterChoices(Desktop desktop, KubeAccess kube, Text kubeconfig, Combo context, Combo namespace, Combo service,
                   Combo remotePort) {
        this.desktop = desktop;
        this.kube = kube;
        this.kubeconfig = kubeconfig;
        this.context = context;
        this.namespace = namespace;
        this.service = service;
        this.remotePort = remotePort;
        kubeconfig.addListener(SWT.Modify, e -> desktop.display().timerExec(DEBOUNCE_MILLIS, loadContexts));
        context.addListener(SWT.Modify, e -> loadNamespaces());
        if (service != null) {
            namespace.addListener(SWT.Modify, e -> loadServices());
            service.addListener(SWT.Modify, e -> showPorts());
        }
    }

    /** Starts the chain from the kubeconfig field's current value. */
    void loadContexts() {
        String path = blankToNull(kubeconfig.getText());
        load(() -> kube.contexts(path).stream().map(KubeAccess.KubeContext::name).toList(), context, "contexts");
    }

    private void loadNamespaces() {
        ClusterRef cluster = cluster();
        load(() -> kube.namespaces(cluster), namespace, "namespaces");
    }

    private void loadServices() {
        ClusterRef cluster = cluster();
        String ns = blankToNull(namespace.getText());
        if (ns == null) {
            return;
        }
        desktop.async(() -> kube.services(cluster, ns), found -> {
            services = found;
            fill(service, found.stream().map(KubeAccess.ServiceInfo::name).toList());
            showPorts();
        }, "listing services of " + ns);
    }

    private void showPorts() {
        String name = service.getText();
        services.stream().filter(s -> s.name().equals(name)).findFirst().ifPresent(s -> fill(remotePort,
                s.ports().stream().map(p -> Integer.toString(p.port())).toList()));
    }

    private void load(Supplier<List<String>> lookup, Combo target, String what) {
        if (target.isDisposed()) {
            return;
        }
        desktop.async(lookup, names -> fill(target, names), "listing " + what);
    }

    /** Offers the names while keeping what the user typed. */
    private static void fill(Combo combo, List<String> names) {
        if (combo.isDisposed()) {
            return;
        }
        String typed = combo.getText();
        combo.setItems(names.toArray(String[]::new));
        if (!combo.getText().equals(typed)) {
            combo.setText(typed);
        }
    }

    private ClusterRef cluster() {
        return new ClusterRef(blankToNull(kubeconfig.getText()), blankToNull(context.getText()));
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
