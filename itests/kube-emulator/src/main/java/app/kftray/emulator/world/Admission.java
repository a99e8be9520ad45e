package app.kftray.emulator.world;

import app.kftray.emulator.store.ApiException;
import app.kftray.emulator.store.ResourceKind;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses the creation of chosen kinds with 403 Forbidden, as an RBAC role without {@code create} on them
 * would: for tests of what a client does when the API server will not let it create an object.
 */
public final class Admission {
    private final Set<ResourceKind> forbidden = ConcurrentHashMap.newKeySet();

    /** From now on, creating objects of this kind is forbidden. */
    public void forbidCreate(ResourceKind kind) {
        forbidden.add(kind);
    }

    /** Allows every creation again. */
    public void allowAll() {
        forbidden.clear();
    }

    /** @throws ApiException 403 when creating this kind is forbidden */
    void checkCreate(ResourceKind kind, String namespace) throws ApiException {
        if (forbidden.contains(kind)) {
            throw new ApiException(403, "Forbidden", kind.plural() + " is forbidden: User \"emulator\" cannot create"
                    + " resource \"" + kind.plural() + "\" in API group \"" + kind.group() + "\" in the namespace \""
                    + namespace + "\"", null, kind.plural());
        }
    }
}
