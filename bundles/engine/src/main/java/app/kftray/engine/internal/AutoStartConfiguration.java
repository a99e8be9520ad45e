package app.kftray.engine.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Whether a runtime starts the forwards marked auto-start; a runtime that runs named forwards turns it off. */
@ObjectClassDefinition(name = "kftray auto-start")
@interface AutoStartConfiguration {
    /** @return whether the forwards marked {@code auto_start} start when the runtime comes up */
    @AttributeDefinition(description = "Start the forwards marked auto_start when the runtime comes up")
    boolean enabled() default true;
}
