package app.kftray.protocol.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import org.junit.jupiter.api.Test;

class DestinationNameTest {

    @Test
    void clusterFormsNameAServiceOfTheNamespace() {
        assertEquals(new DestinationName("web", false), DestinationName.parse("web", "dev"));
        for (String host : new String[] {"web.dev", "web.dev.svc", "web.dev.svc.cluster.local", "Web.Dev.SVC.",
                "web.dev.svc.cluster.local."}) {
            assertEquals(new DestinationName("web", true), DestinationName.parse(host, "dev"), host);
        }
    }

    @Test
    void namesOutsideTheNamespaceAndIpLiteralsAreHostUnreachable() {
        for (String host : new String[] {"web.prod.svc", "example.com", "web.dev.svc.example.org", "10.0.0.7", "::1",
                "", ".", "web..svc", ".dev"}) {
            Refusal refusal = assertThrows(Refusal.class, () -> DestinationName.parse(host, "dev"), host);
            assertEquals(Socks5CommandStatus.HOST_UNREACHABLE, refusal.status(), host);
        }
        assertTrue(assertThrows(Refusal.class, () -> DestinationName.parse("web.prod", "dev")).getMessage()
                .contains("this forward serves namespace 'dev' only"));
    }
}
