package app.kftray.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.kftray.api.ForwardManager;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.testing.InMemoryConfigStore;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Auto-start starts the marked forwards unless its configuration turns it off. */
class AutoStartTest {
    private final InMemoryConfigStore configs = new InMemoryConfigStore();
    private final List<Long> started = new CopyOnWriteArrayList<>();
    private final ForwardManager manager = (ForwardManager) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ForwardManager.class}, (proxy, method, args) -> {
                if (!method.getName().equals("start")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                started.add((Long) args[0]);
                return CompletableFuture.completedFuture(ForwardState.stopped((Long) args[0]));
            });

    @Test
    void startsTheForwardsMarkedAutoStartWhenEnabled() {
        ForwardConfig marked = configs.create(forward("marked", true));
        configs.create(forward("unmarked", false));

        new AutoStart(setting(true), manager, configs);

        assertEquals(List.of(marked.id()), started);
    }

    @Test
    void startsNothingWhenItsConfigurationTurnsItOff() {
        configs.create(forward("marked", true));

        new AutoStart(setting(false), manager, configs);

        assertEquals(List.of(), started);
    }

    private static ForwardConfig forward(String alias, boolean autoStart) {
        return ForwardConfig.builder().alias(alias).namespace("default").service("web").remotePort(80)
                .autoStart(autoStart).build();
    }

    private static AutoStartConfiguration setting(boolean enabled) {
        return new AutoStartConfiguration() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return AutoStartConfiguration.class;
            }
        };
    }
}
