package app.kftray.protocol.socks5.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings shared by every socks5 forward of this process (configuration PID
 * {@value Socks5ProtocolHandler#PID}). Credentials live here rather than in the forward
 * definitions, so they never reach the shared database or a JSON export.
 */
@ObjectClassDefinition(name = "kftray socks5 protocol",
        description = "Local SOCKS5 listeners that reach the services and pods of a namespace by name")
@interface Socks5Settings {
    @AttributeDefinition(name = "User name",
            description = "With a password: clients must log in (RFC 1929). Empty: no authentication")
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
            description = "Password for the user name; both empty means no authentication")
    String password() default "";

    @AttributeDefinition(name = "Handshake timeout (ms)",
            description = "A client that has not sent its CONNECT request within this time is disconnected",
            min = "100")
    long handshake_timeout_ms() default 10_000;
}
