package app.kftray.testing;

import app.kftray.api.ConfigStore;
import app.kftray.api.model.ForwardConfig;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** Saved definitions in a map, for tests of the bundles that read them; no import, export or backup. */
public final class InMemoryConfigStore implements ConfigStore {
    private final Map<String, String> settings = new ConcurrentHashMap<>();
    private final Map<Long, ForwardConfig> configs = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();

    /**
     * @param config a definition with its id
     * @return this store, which now holds it as if it had been saved earlier
     */
    public InMemoryConfigStore saved(ForwardConfig config) {
        configs.put(config.id(), config);
        return this;
    }

    @Override
    public List<ForwardConfig> list() {
        return List.copyOf(configs.values());
    }

    @Override
    public List<ForwardConfig> list(ConfigFilter filter) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ForwardConfig> get(long id) {
        return Optional.ofNullable(configs.get(id));
    }

    @Override
    public Optional<ForwardConfig> find(String idOrAlias) {
        return configs.values().stream()
                .filter(c -> idOrAlias.equals(String.valueOf(c.id())) || idOrAlias.equals(c.alias()))
                .findFirst();
    }

    @Override
    public ForwardConfig create(ForwardConfig config) {
        ForwardConfig stored = config.toBuilder().id(ids.incrementAndGet()).build();
        configs.put(stored.id(), stored);
        return stored;
    }

    @Override
    public ForwardConfig update(ForwardConfig config) {
        configs.put(config.id(), config);
        return config;
    }

    @Override
    public boolean delete(long id) {
        return configs.remove(id) != null;
    }

    @Override
    public ImportResult importJson(String json) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String exportJson(Collection<Long> ids) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void backup(Path file) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void restore(Path file) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    @Override
    public void putSetting(String key, String value) {
        settings.put(key, value);
    }
}
