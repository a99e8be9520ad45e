package app.kftray.itests.storage;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import app.kftray.api.ConfigListener;
import app.kftray.api.ConfigStore;
import app.kftray.api.ConflictException;
import app.kftray.api.InvalidConfigException;
import app.kftray.api.StateStore;
import app.kftray.api.model.ConfigChange;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.WorkloadType;
import app.kftray.itests.KftrayTestSupport;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** The storage bundle's components in Felix, used through the api services only. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StorageIT extends KftrayTestSupport {

    @Inject
    private BundleContext context;

    @Inject
    private ConfigStore configs;

    @Inject
    private StateStore states;

    @Configuration
    public Option[] configuration() {
        return featureOptions("headless");
    }

    private static ForwardConfig.Builder web(String alias) {
        return ForwardConfig.builder().alias(alias).context("dev").namespace("shop").workloadType(WorkloadType.SERVICE)
                .service("web").remotePort(80).localPort(18080);
    }

    @Test
    public void createsFindsUpdatesAndDeletesThroughTheService() {
        ForwardConfig created = configs.create(web("web-it").build());
        assertTrue(created.id() > 0);
        assertEquals(created, configs.find("web-it").orElseThrow());
        assertEquals(created, configs.find(String.valueOf(created.id())).orElseThrow());

        ForwardConfig updated = configs.update(created.toBuilder().localPort(18081).build());
        assertEquals(18081, configs.get(created.id()).orElseThrow().localPort());
        assertEquals(List.of(updated), configs.list(new ConfigStore.ConfigFilter("dev", "shop", "web-it")));

        assertTrue(configs.delete(created.id()));
        assertTrue(configs.get(created.id()).isEmpty());
    }

    @Test
    public void refusesDuplicateAliasesAndInvalidDefinitions() {
        configs.create(web("dup-it").build());
        assertThrows(ConflictException.class, () -> configs.create(web("dup-it").localPort(18090).build()));
        InvalidConfigException invalid = assertThrows(InvalidConfigException.class,
                () -> configs.create(web("bad-it").namespace("").localPort(-1).build()));
        assertEquals(2, invalid.errors().size());
    }

    @Test
    public void importIsAllOrNothingAndExportRoundTrips() {
        int before = configs.list().size();
        String json = "[{\"alias\":\"imp-a\",\"namespace\":\"shop\",\"workload_type\":\"service\",\"service\":\"a\","
                + "\"protocol\":\"tcp\",\"remote_port\":80,\"local_port\":18100},"
                + "{\"alias\":\"imp-b\",\"namespace\":\"\",\"workload_type\":\"pod\",\"protocol\":\"tcp\"}]";
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> configs.importJson(json));
        assertTrue(e.getMessage(), e.getMessage().contains("[1]."));
        assertEquals(before, configs.list().size());

        ConfigStore.ImportResult result = configs.importJson(json.replace("\"namespace\":\"\"", "\"namespace\":\"shop\"")
                .replace("\"protocol\":\"tcp\"}", "\"protocol\":\"tcp\",\"target\":\"app=b\",\"remote_port\":81}"));
        assertEquals(2, result.created().size());
        String exported = configs.exportJson(result.created());
        assertTrue(exported, exported.contains("\"imp-a\"") && exported.contains("\"app=b\""));
        assertEquals(0, configs.importJson(exported).created().size());
    }

    @Test
    public void listenersRegisteredAsServicesHearChanges() throws InterruptedException {
        BlockingQueue<ConfigChange> changes = new LinkedBlockingQueue<>();
        ServiceRegistration<ConfigListener> registration =
                context.registerService(ConfigListener.class, changes::add, null);
        try {
            ForwardConfig created = configs.create(web("listened-it").localPort(18200).build());
            assertEquals(new ConfigChange(ConfigChange.Kind.CREATED, created.id(), false),
                    nextChangeOf(created.id(), changes));
        } finally {
            registration.unregister();
        }
    }

    /** Changes are delivered asynchronously: one an earlier test caused may still arrive here. */
    private static ConfigChange nextChangeOf(long configId, BlockingQueue<ConfigChange> changes)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            ConfigChange change = changes.poll(left, TimeUnit.NANOSECONDS);
            if (change != null && change.configId() == configId) {
                return change;
            }
        }
        return null;
    }

    @Test
    public void stateRowsCarryTheOwnerAndHistory() {
        ForwardConfig created = configs.create(web("state-it").localPort(18300).build());
        ForwardState running = ForwardState.stopped(created.id()).withStatus(ForwardStatus.RUNNING, null);
        states.put(running);
        ForwardState read = states.get(created.id()).orElseThrow();
        assertEquals(ForwardStatus.RUNNING, read.status());
        assertEquals(states.self(), read.owner());
        assertFalse(read.stale());
        assertTrue(states.isLive(states.self()));
        assertEquals(ForwardStatus.RUNNING, states.history(created.id(), 5).get(0).state().status());
    }
}
