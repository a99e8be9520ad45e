package app.kftray.storage.internal;

import app.kftray.api.model.ForwardConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * kftray's import matching: an imported entry is the same forward as a stored one when
 * context, namespace, workload type and protocol agree and so does what it points at
 * (service: the service, and the ports when both sides chose a local port; pod: the
 * selector; proxy: the remote host; namespace: the local port).
 */
final class ImportMerger {
    private ImportMerger() {
    }

    /**
     * @param config a definition
     * @return the fields that must be equal for two definitions to be the same forward, so
     *         candidates are found by lookup rather than by comparing with every row
     */
    static List<Object> bucket(ForwardConfig config) {
        Object pointsAt = config.workloadType() == null ? null : switch (config.workloadType()) {
            case SERVICE -> config.service();
            case POD -> config.target();
            case PROXY -> config.remoteAddress();
            case NAMESPACE -> config.localPort();
            case EXPOSE -> config.alias();
        };
        return Arrays.asList(config.context(), config.namespace(), config.workloadType(), config.protocol(), pointsAt);
    }

    static boolean sameForward(ForwardConfig stored, ForwardConfig imported) {
        if (!Objects.equals(stored.context(), imported.context())
                || !Objects.equals(stored.namespace(), imported.namespace())
                || stored.workloadType() != imported.workloadType()
                || !Objects.equals(stored.protocol(), imported.protocol())) {
            return false;
        }
        return switch (stored.workloadType()) {
            case SERVICE -> Objects.equals(stored.service(), imported.service()) && samePortsIfChosen(stored, imported);
            case POD -> Objects.equals(stored.target(), imported.target());
            case PROXY -> Objects.equals(stored.remoteAddress(), imported.remoteAddress());
            case NAMESPACE -> stored.localPort() == imported.localPort();
            case EXPOSE -> Objects.equals(stored.alias(), imported.alias());
        };
    }

    /**
     * @return the imported values on the stored row, keeping the stored alias and local
     *         port where the import leaves them empty
     */
    static StoredConfig merge(StoredConfig stored, StoredConfig imported) {
        ForwardConfig old = stored.config();
        ForwardConfig incoming = imported.config();
        ForwardConfig merged = incoming.toBuilder()
                .id(old.id())
                .alias(incoming.alias() == null ? old.alias() : incoming.alias())
                .localPort(incoming.localPort() == 0 ? old.localPort() : incoming.localPort())
                .build();
        return new StoredConfig(merged, imported.kftrayExtra());
    }

    private static boolean samePortsIfChosen(ForwardConfig a, ForwardConfig b) {
        if (a.localPort() == 0 || b.localPort() == 0) {
            return true;
        }
        return a.localPort() == b.localPort() && Objects.equals(a.remotePort(), b.remotePort());
    }
}
