package app.kftray.kube.internal.cluster;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/** Turns fabric8 failures into {@link KubeException}s whose reason the engine can act on. */
final class KubeErrors {
    private KubeErrors() {
    }

    /**
     * @param what   what was being done, for the message (e.g. "list pods in dev")
     * @param action the call
     * @return its result
     */
    static <T> T call(String what, Supplier<T> action) {
        try {
            return ClusterClients.withBundleClassLoader(action);
        } catch (KubeException e) {
            throw e;
        } catch (KubernetesClientException e) {
            throw translate(what, e);
        }
    }

    static KubeException translate(String what, KubernetesClientException e) {
        int code = e.getCode();
        String detail = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : rootMessage(e);
        Reason reason = switch (code) {
            case 404 -> Reason.NOT_FOUND;
            case 401, 403, 409, 422 -> Reason.REFUSED;
            default -> code <= 0 || code >= 500 ? Reason.UNREACHABLE : Reason.INVALID;
        };
        String prefix = reason == Reason.UNREACHABLE ? "cannot reach the API server to " : "cannot ";
        return new KubeException(reason, prefix + what + ": " + detail, e);
    }

    /** @return whether the API server answered 403: the user lacks the RBAC rights, which the message names */
    static boolean forbidden(KubeException e) {
        return e.getCause() instanceof KubernetesClientException client && client.getCode() == 403;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
