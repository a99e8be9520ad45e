package app.kftray.sync.internal.discovery;

import app.kftray.api.ConfigDiscovery;
import app.kftray.api.ConfigStore;
import app.kftray.api.ConfigStore.ImportResult;
import app.kftray.api.KubeAccess;
import app.kftray.api.KubeAccess.AnnotatedService;
import app.kftray.api.KubeAccess.ServiceListing;
import app.kftray.api.KubeException;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link ConfigDiscovery} over the cluster access and the config store's import merge. */
@Component(service = ConfigDiscovery.class)
public final class AnnotationDiscovery implements ConfigDiscovery {
    private final KubeAccess kube;
    private final ConfigStore store;

    /**
     * @param kube  lists the annotated services
     * @param store merges what was found
     */
    @Activate
    public AnnotationDiscovery(@Reference KubeAccess kube, @Reference ConfigStore store) {
        this.kube = kube;
        this.store = store;
    }

    @Override
    public Discovery discover(ClusterRef cluster, String namespace, boolean apply) {
        ForwardConfig template = ForwardConfig.builder().context(contextName(cluster)).kubeconfig(cluster.kubeconfig())
                .build();
        ServiceListing listing = kube.annotatedServices(cluster, namespace);
        List<ForwardConfig> found = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (AnnotatedService service : listing.services()) {
            if (ServiceForwards.enabled(service)) {
                ServiceForwards.read(service, template, found, skipped);
            } else {
                ServiceForwards.misspeltEnabled(service).ifPresent(skipped::add);
            }
        }
        ImportResult imported = apply && !found.isEmpty() ? store.importConfigs(found) : null;
        if (apply && imported == null) {
            imported = new ImportResult(List.of(), List.of(), 0, List.of());
        }
        return new Discovery(listing.namespaces(), listing.note(), found, skipped, imported);
    }

    /** The saved forwards name their context, so "the current context" is looked up once here. */
    private String contextName(ClusterRef cluster) {
        if (cluster.context() != null) {
            return cluster.context();
        }
        return kube.contexts(cluster.kubeconfig()).stream().filter(KubeAccess.KubeContext::current).findFirst()
                .map(KubeAccess.KubeContext::name)
                .orElseThrow(() -> new KubeException(KubeException.Reason.INVALID,
                        "the kubeconfig has no current context; name one with --context", null));
    }
}
