package app.kftray.relay.deploy.internal;

import app.kftray.api.ConfigStore;
import app.kftray.api.model.ForwardConfig;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The saved forwards of one test; only listing is used by the relay deployer. */
final class SavedConfigs implements ConfigStore {
    private final List<ForwardConfig> configs = new CopyOnWriteArrayList<>();

    SavedConfigs add(ForwardConfig config) {
        configs.add(config);
        return this;
    }

    @Override
    public List<ForwardConfig> list() {
        return List.copyOf(configs);
    }

    @Override
    public List<ForwardConfig> list(ConfigFilter filter) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ForwardConfig> get(long id) {
        return configs.stream().filter(c -> c.id() != null && c.id() == id).findFirst();
    }

    @Override
    public Optional<ForwardConfig> find(String idOrAlias) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ForwardConfig create(ForwardConfig config) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ForwardConfig update(ForwardConfig config) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean delete(long id) {
        throw new UnsupportedOperationException();
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
        return Optional.empty();
    }

    @Override
    public void putSetting(String key, String value) {
        throw new UnsupportedOperationException();
    }
}
