package app.kftray.kube.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClientWarmUpTest {
    @Test
    void buildsAClientOnItsPlaceholderConfigurationWithoutAServer() {
        // the placeholder points at a port nothing listens on: building and closing a client sends nothing
        assertTrue(ClientWarmUp.warmUpClient());
    }

    @Test
    void readsTheSampleResourcesWithTheClientsMapping() {
        assertTrue(ClientWarmUp.warmUpReading());
    }

    @Test
    void preparesTheTunnelsTlsWithoutSendingAnything() {
        assertTrue(ClientWarmUp.warmUpTls());
    }
}
