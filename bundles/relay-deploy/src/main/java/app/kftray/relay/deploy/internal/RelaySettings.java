package app.kftray.relay.deploy.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** How relay pods are deployed. */
@ObjectClassDefinition(name = "kftray relay deployment")
public @interface RelaySettings {
    /** The relay image when none is configured. */
    String DEFAULT_IMAGE = "ghcr.io/kftray/kftray-relay:0.1.0";
    /** kftray's public relay image, used with {@code image_flavor = kftray} unless another image is set. */
    String KFTRAY_IMAGE = "ghcr.io/hcavarsan/kftray-server:latest";

    /** @return the relay container image */
    @AttributeDefinition(description = "Container image of the relay (built from relay-server)")
    String image() default DEFAULT_IMAGE;

    /** @return the name of an image pull Secret in the forward's namespace, empty for none */
    @AttributeDefinition(description = "Image pull Secret (in the forward's namespace) for a private registry")
    String image_pull_secret() default "";

    /** @return {@code deployment} or {@code pod} */
    @AttributeDefinition(description = "Deploy the relay as a Deployment (default) or as a bare pod",
            options = {@Option(value = "deployment"), @Option(value = "pod")})
    String workload() default "deployment";

    /** @return {@code kftray-java} for this project's relay image, {@code kftray} for kftray's own */
    @AttributeDefinition(description = "The relay image's kind: this project's (kftray-java) or kftray's own relay"
            + " (kftray: its public image unless another is set; udp and proxy forwards only)",
            options = {@Option(value = "kftray-java"), @Option(value = "kftray")})
    String image_flavor() default "kftray-java";

    /** @return seconds to wait for a new relay pod to become ready */
    @AttributeDefinition(description = "Seconds to wait for a relay pod to become Ready before giving up")
    long ready_timeout_seconds() default 60;
}
