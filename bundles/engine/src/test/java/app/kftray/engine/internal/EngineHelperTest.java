package app.kftray.engine.internal;

import static app.kftray.api.model.ForwardStatus.RUNNING;
import static app.kftray.api.model.ForwardStatus.STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.testing.Await;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** domain_enabled and auto_loopback_address through the helper's client, and without it. */
class EngineHelperTest extends EngineTestBase {

    @Test
    void aDomainForwardGetsItsHostsEntryWhileItRuns() throws Exception {
        FakeHostsHelper helper = FakeHostsHelper.working();
        engine.bindHostsHelper(helper);
        pod("web", "web-a");
        ForwardConfig web = save(service("grafana.dev", "web").localPort(0).domainEnabled(true));

        ForwardState running = await(engine.start(web.id()));

        assertEquals(RUNNING, running.status(), running.lastError());
        assertNull(running.lastError());
        assertEquals(Map.of(String.valueOf(web.id()), "127.0.0.1 grafana.dev"), helper.entries);
        greeted(running, "web-a");
        assertEquals(STOPPED, await(engine.stop(web.id())).status());
        assertEquals(Map.of(), helper.entries);
    }

    @Test
    void anAutoLoopbackForwardListensOnItsOwnAddressAndKeepsIt() throws Exception {
        FakeHostsHelper helper = FakeHostsHelper.working();
        engine.bindHostsHelper(helper);
        pod("web", "web-a");
        ForwardConfig web = save(service("web.dev", "web").localPort(0).autoLoopbackAddress(true).domainEnabled(true));

        ForwardState running = await(engine.start(web.id()));

        assertEquals(RUNNING, running.status(), running.lastError());
        assertTrue(running.boundAddress().startsWith("127.0.0.7:"), running.boundAddress());
        assertEquals("127.0.0.7", configs.get(web.id()).orElseThrow().localAddress(), "saved as kftray does");
        assertEquals(Map.of(String.valueOf(web.id()), "127.0.0.7 web.dev"), helper.entries);
        greeted(running, "web-a");
        await(engine.stop(web.id()));
        assertEquals("127.0.0.7", configs.get(web.id()).orElseThrow().localAddress());
    }

    @Test
    void withoutTheHelperTheForwardRunsOnItsPlainAddressAndSaysWhatIsMissing() throws Exception {
        engine.bindHostsHelper(FakeHostsHelper.missing());
        pod("web", "web-a");
        ForwardConfig web = save(service("grafana.dev", "web").localPort(0).localAddress("127.0.0.1")
                .autoLoopbackAddress(true).domainEnabled(true));

        ForwardState running = await(engine.start(web.id()));

        assertEquals(RUNNING, running.status());
        assertTrue(running.boundAddress().startsWith("127.0.0.1:"), running.boundAddress());
        assertEquals("no dedicated loopback address (the kftray helper is not installed (no socket /x); install it "
                + "with 'sudo kftray helper install'); listening on 127.0.0.1 instead; grafana.dev does not resolve to "
                + "127.0.0.1 (the kftray helper is not installed (no socket /x); install it with 'sudo kftray helper "
                + "install')", running.lastError());
        greeted(running, "web-a");
        assertEquals(running.lastError(), states.get(web.id()).orElseThrow().lastError());
    }

    @Test
    void withoutTheClientBundleTheStatusSaysSo() throws Exception {
        pod("web", "web-a");
        ForwardConfig web = save(service("grafana.dev", "web").localPort(0).domainEnabled(true));

        ForwardState running = await(engine.start(web.id()));

        assertEquals(RUNNING, running.status());
        assertEquals("grafana.dev does not resolve to 127.0.0.1 (the kftray helper client bundle is not installed)",
                running.lastError());
    }

    @Test
    void entriesOfForwardsThatNoLongerRunAreRemovedWhenTheHelperArrives() throws Exception {
        pod("web", "web-a");
        ForwardConfig web = save(service("web.dev", "web").localPort(0));
        assertEquals(RUNNING, await(engine.start(web.id())).status());
        FakeHostsHelper helper = FakeHostsHelper.working();
        helper.addHost(String.valueOf(web.id()), "127.0.0.1", "web.dev");
        helper.addHost("991", "127.0.0.1", "crashed.dev");

        engine.bindHostsHelper(helper);

        Await.until("the stale entry removed", WAIT, () -> !helper.entries.containsKey("991"));
        assertEquals(Map.of(String.valueOf(web.id()), "127.0.0.1 web.dev"), helper.entries, "a running forward's entry stays");
    }
}
