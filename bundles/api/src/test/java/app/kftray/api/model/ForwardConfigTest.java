package app.kftray.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ForwardConfigTest {

    private static ForwardConfig.Builder web() {
        return ForwardConfig.builder().alias("web").namespace("dev").workloadType(WorkloadType.SERVICE)
                .service("web").remotePort(80).localPort(8080);
    }

    private static List<String> fields(ForwardConfig config) {
        return config.validate().stream().map(FieldError::field).collect(Collectors.toList());
    }

    @Test
    void onlyLoopbackAddressesKeepAListenerOnThisMachine() {
        for (String address : new String[] {null, " ", "127.0.0.1", "127.0.0.42", "::1", "localhost", " LOCALHOST "}) {
            assertFalse(web().localAddress(address).build().listensBeyondLoopback(), String.valueOf(address));
        }
        // an unresolvable name may resolve to anything later
        for (String address : new String[] {"0.0.0.0", "::", "192.168.1.5", "no-such-host.invalid"}) {
            assertTrue(web().localAddress(address).build().listensBeyondLoopback(), address);
        }
    }

    @Test
    void aCompleteServiceForwardIsValid() {
        assertEquals(List.of(), web().build().validate());
    }

    @Test
    void defaultsAreKftrays() {
        ForwardConfig config = web().localAddress(null).protocol(null).build();
        assertEquals("tcp", config.protocol());
        assertEquals("127.0.0.1", config.effectiveLocalAddress());
        assertEquals("web-svc-tcp-0", ForwardConfig.builder().service("web-svc").namespace("dev").build().displayName());
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        ForwardConfig config = ForwardConfig.builder().namespace("Dev_NS").workloadType(WorkloadType.SERVICE)
                .remotePort("99999").localPort(70000).localAddress("nowhere").protocol("t c p")
                .alias("-bad").context(" ").build();
        assertEquals(List.of("namespace", "service", "local_port", "remote_port", "local_address", "protocol",
                "alias", "context"), fields(config));
    }

    @Test
    void eachWorkloadTypeNeedsItsTarget() {
        assertEquals(List.of("service"), fields(web().service(null).build()));
        assertEquals(List.of("target"), fields(web().workloadType(WorkloadType.POD).build()));
        assertEquals(List.of(), fields(web().workloadType(WorkloadType.POD).target("app=web,tier!=db").build()));
        assertEquals(List.of("target"), fields(web().workloadType(WorkloadType.POD).target("app=web,=x").build()));
        assertEquals(List.of("remote_address"), fields(web().workloadType(WorkloadType.PROXY).build()));
        assertEquals(List.of("workload_type"), fields(web().workloadType(null).build()));
        assertEquals(List.of(), fields(web().workloadType(WorkloadType.NAMESPACE).remotePort((String) null).build()));
    }

    @Test
    void remotePortIsANumberOrAPortName() {
        assertEquals(OptionalInt.of(80), web().build().remotePortNumber());
        assertEquals(OptionalInt.empty(), web().remotePort("http").build().remotePortNumber());
        assertEquals(List.of(), fields(web().remotePort("http-alt").build()));
        assertEquals(List.of("remote_port"), fields(web().remotePort("0").build()));
        assertEquals(List.of("remote_port"), fields(web().remotePort("way-too-long-port-name").build()));
        assertEquals(List.of("remote_port"), fields(web().remotePort((String) null).build()));
        assertEquals(List.of("remote_port"), fields(web().workloadType(WorkloadType.PROXY).remoteAddress("db.internal")
                .remotePort("postgres").build()));
    }

    @Test
    void localAddressMustBeAnIpLiteral() {
        assertEquals(List.of(), fields(web().localAddress("127.0.0.5").build()));
        assertEquals(List.of(), fields(web().localAddress("::1").build()));
        assertEquals(List.of("local_address"), fields(web().localAddress("127.0.0.256").build()));
        assertEquals(List.of("local_address"), fields(web().localAddress("example.com").build()));
    }

    @Test
    void domainEntriesNeedAnAlias() {
        List<FieldError> errors = web().alias(null).domainEnabled(true).build().validate();
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).message().contains("domain_enabled needs an alias"), errors.toString());
    }

    @Test
    void builderRoundTripsEveryField() {
        ForwardConfig config = ForwardConfig.builder().id(7L).alias("a").context("c").kubeconfig("/k").namespace("n")
                .workloadType(WorkloadType.PROXY).service("s").target("t=1").remotePort("5432").localPort(15432)
                .localAddress("127.0.0.9").autoLoopbackAddress(true).protocol("UDP").remoteAddress("db")
                .domainEnabled(true).httpLogsEnabled(true).autoStart(true).group("team a").build();
        assertEquals(config, config.toBuilder().build());
        assertEquals("team a", config.group());
        assertEquals("udp", config.protocol());
    }

    @Test
    void workloadTypesParseAsKftrayWritesThem() {
        assertEquals(WorkloadType.SERVICE, WorkloadType.parse(" Service ").orElseThrow());
        assertEquals(WorkloadType.EXPOSE, WorkloadType.parse("expose").orElseThrow());
        assertTrue(WorkloadType.parse("deployment").isEmpty());
        assertTrue(WorkloadType.parse(null).isEmpty());
    }

    @Test
    void groupIsOptionalTrimmedAndOneShortLine() {
        assertEquals(null, web().group("  ").build().group());
        assertEquals("backend", web().group(" backend ").build().group());
        assertEquals(List.of("group"), fields(web().group("x".repeat(64)).build()));
        assertEquals(List.of("group"), fields(web().group("a\nb").build()));
        ForwardConfig before = web().build();
        assertEquals(before, new ForwardConfig(before.id(), before.alias(), before.context(), before.kubeconfig(),
                before.namespace(), before.workloadType(), before.service(), before.target(), before.remotePort(),
                before.localPort(), before.localAddress(), before.autoLoopbackAddress(), before.protocol(),
                before.remoteAddress(), before.domainEnabled(), before.httpLogsEnabled(), before.autoStart()),
                "the constructor without a group still makes the same definition");
    }
}
