package app.kftray.api;

import app.kftray.api.model.ConfigChange;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service told about changes to saved definitions, including those made by
 * other processes (seen within a second). Called off the writer's thread; must not block.
 */
@ConsumerType
public interface ConfigListener {
    /** @param change what changed */
    void configChanged(ConfigChange change);
}
