package app.kftray.storage.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Starts building the stores' JSON mapper as soon as this bundle starts, while the framework goes on with the
 * bundles after it: the first forward definition read needs the mapper, and building it (the process's first
 * Jackson mapper) took a fifth of a second of a runtime's start.
 */
@Component(immediate = true, service = {})
public final class MapperWarmUp {
    /** Starts the build; the stores wait for it where they need the mapper. */
    @Activate
    public MapperWarmUp() {
        JsonMappers.shared();
    }
}
