package app.kftray.api;

import app.kftray.api.ConfigStore.ImportResult;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Auto-import: forwards declared by the services of a cluster. A service takes part when it is
 * annotated {@code kftray.app/enabled: "true"}; {@code kftray.app/configs: "alias-localPort-targetPort,..."}
 * names its forwards (the target port a number or a service port name), else it gets one forward
 * per service port. Found forwards are merged into the saved ones as by {@link ConfigStore#importJson(String)}.
 *
 * @since 1.5
 */
@ProviderType
public interface ConfigDiscovery {
    /** Annotation that marks a service for auto-import. */
    String ENABLED_ANNOTATION = "kftray.app/enabled";
    /** Annotation that lists a service's forwards. */
    String CONFIGS_ANNOTATION = "kftray.app/configs";

    /**
     * @param cluster   kubeconfig and context
     * @param namespace a namespace, or {@code null} for every namespace the user can see
     * @param apply     whether to merge what was found into the saved forwards ({@code false}: a dry run)
     * @return what was found and, when applied, what the merge did
     * @throws KubeException          if the cluster cannot be reached or refuses to list services
     * @throws InvalidConfigException if found forwards cannot be saved (nothing is saved then)
     */
    Discovery discover(ClusterRef cluster, String namespace, boolean apply);

    /**
     * The outcome of a discovery.
     *
     * @param namespaces the namespaces looked at
     * @param note       why fewer namespaces were looked at than asked, or {@code null}
     * @param found      the forwards the annotations declare
     * @param skipped    one line per service or annotation item left out, with the reason
     * @param imported   what the merge did, or {@code null} for a dry run
     */
    record Discovery(List<String> namespaces, String note, List<ForwardConfig> found, List<String> skipped,
                     ImportResult imported) {
        public Discovery {
            namespaces = List.copyOf(namespaces);
            found = List.copyOf(found);
            skipped = List.copyOf(skipped);
        }
    }
}
