package app.kftray.httplog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.kftray.api.ConfigStore;
import app.kftray.api.model.ConfigChange;
import app.kftray.api.model.HttpLogLimits;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forwards' own log limits are read from the store when a definition changed, not on every settings tick. */
class OwnLimitsRefreshTest {
    @TempDir
    Path root;

    @Test
    void theOwnLimitsAreReadOnceAndAgainOnlyAfterADefinitionChanged() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        ConfigStore store = (ConfigStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigStore.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setting" -> Optional.empty();
                    case "httpLogLimits" -> {
                        reads.incrementAndGet();
                        yield Map.of(7L, new HttpLogLimits(null, 1, true));
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        HttpLogComponent component = new HttpLogComponent(new TestSettings(root).build());
        try {
            Field configs = HttpLogComponent.class.getDeclaredField("configs");
            configs.setAccessible(true);
            configs.set(component, store);

            for (int i = 0; i < 5; i++) {
                component.readSettings();
            }
            assertEquals(1, reads.get(), "read once, then kept while no definition changed");

            component.configChanged(new ConfigChange(ConfigChange.Kind.UPDATED, 7, true));
            component.readSettings();
            component.readSettings();
            assertEquals(2, reads.get(), "read again once after the change");
        } finally {
            component.deactivate();
        }
    }
}
