package app.kftray.metrics.internal;

import app.kftray.api.ConfigStore;
import app.kftray.api.model.ForwardConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * The saved forwards as the last scrape read them, so that events (which arrive on the event
 * loops, per connection) find a forward's labels without reading the database; a forward saved
 * since then is read once.
 */
final class ConfigCache implements LongFunction<Optional<ForwardConfig>> {
    private final ConfigStore store;
    private final Map<Long, ForwardConfig> byId = new ConcurrentHashMap<>();

    ConfigCache(ConfigStore store) {
        this.store = store;
    }

    /** @return every saved forward, read now and remembered */
    List<ForwardConfig> list() {
        List<ForwardConfig> saved = store.list();
        byId.keySet().retainAll(saved.stream().map(ForwardConfig::id).toList());
        saved.forEach(config -> byId.put(config.id(), config));
        return saved;
    }

    @Override
    public Optional<ForwardConfig> apply(long id) {
        ForwardConfig known = byId.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<ForwardConfig> read = store.get(id);
        read.ifPresent(config -> byId.put(id, config));
        return read;
    }
}
