package app.kftray.storage.internal;

import app.kftray.api.model.ForwardConfig;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A definition as stored: the api record plus kftray fields we keep for round trips
 * but do not model (e.g. {@code http_logs_max_file_size}).
 *
 * @param config      the definition
 * @param kftrayExtra the extra kftray fields, never {@code null}
 */
record StoredConfig(ForwardConfig config, ObjectNode kftrayExtra) {
    StoredConfig {
        Objects.requireNonNull(config, "config");
        kftrayExtra = kftrayExtra == null ? JsonNodeFactory.instance.objectNode() : kftrayExtra;
    }

    /**
     * @param config a definition without extras
     * @return it, stored without kftray extras
     */
    static StoredConfig of(ForwardConfig config) {
        return new StoredConfig(config, null);
    }

    /**
     * @param id the database id
     * @return a copy with that id
     */
    StoredConfig withId(long id) {
        return new StoredConfig(config.toBuilder().id(id).build(), kftrayExtra);
    }

    /** @return the database id */
    long id() {
        return config.id();
    }
}
