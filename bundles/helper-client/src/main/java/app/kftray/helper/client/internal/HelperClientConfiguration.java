package app.kftray.helper.client.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the helper daemon listens and how long to wait for it. */
@ObjectClassDefinition(name = "kftray helper client")
@interface HelperClientConfiguration {
    /** @return the helper's Unix domain socket */
    @AttributeDefinition(description = "The helper daemon's Unix domain socket")
    String socket() default HelperSocket.DEFAULT_PATH;

    /** @return how long one request may take */
    @AttributeDefinition(description = "Milliseconds one request to the helper may take")
    long timeoutMillis() default 5000;
}
