package app.kftray.engine.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/** Registers a component's public methods as Gogo shell commands. */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@interface GogoCommand {
    /** Prefix of the Gogo service properties. */
    String PREFIX_ = "osgi.command.";

    /** @return the command scope, typed before a colon */
    String scope();

    /** @return the command names, one per public method name */
    String[] function();
}
