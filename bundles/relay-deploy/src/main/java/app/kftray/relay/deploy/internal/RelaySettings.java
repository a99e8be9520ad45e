package app.kftray.relay.deploy.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How relay pods are deployed. */
@ObjectClassDefinition(name = "kftray relay deployment")
public @interface RelaySettings {
    /** @return the relay container image */
    @AttributeDefinition(description = "Container image of the relay (built from relay-server)")
    String image() default "ghcr.io/kftray/kftray-relay:0.1.0";

    /** @return the port the relay listens on inside its pod */
    @AttributeDefinition(description = "Port the relay listens on in its pod")
    int relay_port() default 8080;

    /** @return seconds to wait for a new relay pod to become ready */
    @AttributeDefinition(description = "Seconds to wait for a relay pod to become Ready before giving up")
    long ready_timeout_seconds() default 60;
}
