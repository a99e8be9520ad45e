package app.kftray.helper.request;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestParserTest {

    private static HelperRequest parse(String json) throws BadRequestException {
        return RequestParser.parse(json.getBytes(StandardCharsets.UTF_8), 1000);
    }

    private static String hostsAdd(String name, String address) {
        return "{\"version\":1,\"op\":\"hosts.add\",\"entries\":[{\"id\":\"7\",\"name\":" + name + ",\"address\":"
                + address + "}]}";
    }

    @Test
    void parsesEveryOperation() throws BadRequestException {
        assertEquals(new HelperRequest.Ping(), parse("{\"version\":1,\"op\":\"ping\"}"));
        assertEquals(new HelperRequest.HostsAdd(List.of(new HostEntry(1000, "7", "grafana.dev", "127.0.0.2"))),
                parse(hostsAdd("\"grafana.dev\"", "\"127.0.0.2\"")));
        assertEquals(new HelperRequest.HostsRemove(List.of("7", "a.b_c-d")),
                parse("{\"version\":1,\"op\":\"hosts.remove\",\"ids\":[\"7\",\"a.b_c-d\"]}"));
        assertEquals(new HelperRequest.LoopbackAllocate("12"), parse("{\"version\":1,\"op\":\"loopback.allocate\",\"key\":\"12\"}"));
        assertEquals(new HelperRequest.SocketBind("127.0.0.5", 80),
                parse("{\"version\":1,\"op\":\"socket.bind\",\"address\":\"127.0.0.5\",\"port\":80}"));
    }

    static Stream<Arguments> badRequests() {
        String longLabel = "a".repeat(64);
        String longName = ("a".repeat(60) + ".").repeat(4) + "abcdefghijklmnopq";
        return Stream.of(
                Arguments.of("", "request is empty"),
                Arguments.of("   ", "request must be one JSON object"),
                Arguments.of("[1]", "request must be one JSON object"),
                Arguments.of("{\"version\":1,\"op\":\"ping\"} {}", "request is not valid JSON"),
                Arguments.of("{\"op\":\"ping\"}", "version: is missing"),
                Arguments.of("{\"version\":2,\"op\":\"ping\"}", "version: 2 is not supported; this helper speaks version 1"),
                Arguments.of("{\"version\":\"1\",\"op\":\"ping\"}", "version: must be a whole number"),
                Arguments.of("{\"version\":1,\"op\":\"rm -rf\"}", "op: \"rm -rf\" is not an operation of this helper"),
                Arguments.of("{\"version\":1,\"op\":\"ping\",\"extra\":1}", "extra: is not a field of this operation"),
                Arguments.of("{\"version\":1,\"op\":\"ping\",\"op\":\"status\"}", "request is not valid JSON"),
                Arguments.of(hostsAdd("\"a\\nb\"", "\"127.0.0.2\""), "name: only A-Z a-z 0-9 - and dots are allowed"),
                Arguments.of(hostsAdd("\"a b\"", "\"127.0.0.2\""), "name: only A-Z a-z 0-9 - and dots are allowed"),
                Arguments.of(hostsAdd("\"a#b\"", "\"127.0.0.2\""), "name: only A-Z a-z 0-9 - and dots are allowed"),
                Arguments.of(hostsAdd("\"a\\u0007b\"", "\"127.0.0.2\""), "name: only A-Z a-z 0-9 - and dots are allowed"),
                Arguments.of(hostsAdd("\"gr\u00e4fana.dev\"", "\"127.0.0.2\""), "name: only A-Z a-z 0-9 - and dots are allowed"),
                Arguments.of(hostsAdd("\"" + longName + "\"", "\"127.0.0.2\""), "name: longer than 253 bytes"),
                Arguments.of(hostsAdd("\"" + longLabel + ".dev\"", "\"127.0.0.2\""), "is longer than 63 characters"),
                Arguments.of(hostsAdd("\"-a.dev\"", "\"127.0.0.2\""), "name: label \"-a\" starts or ends with '-'"),
                Arguments.of(hostsAdd("\"a..dev\"", "\"127.0.0.2\""), "name: has an empty label"),
                Arguments.of(hostsAdd("\"\"", "\"127.0.0.2\""), "name: is empty"),
                Arguments.of(hostsAdd("\"LocalHost\"", "\"127.0.0.2\""), "name: localhost cannot be remapped"),
                Arguments.of(hostsAdd("\"a.dev\"", "\"10.0.0.1\""), "address: 10.0.0.1 is outside 127.0.0.0/8"),
                Arguments.of(hostsAdd("\"a.dev\"", "\"127.0.0.01\""), "address: \"127.0.0.01\" is not a dotted IPv4 address"),
                Arguments.of(hostsAdd("\"a.dev\"", "\"127.0.0.256\""), "is not a dotted IPv4 address"),
                Arguments.of(hostsAdd("\"a.dev\"", "\"127.0.0\""), "is not a dotted IPv4 address"),
                Arguments.of(hostsAdd("\"a.dev\"", "\"::1\""), "is not a dotted IPv4 address"),
                Arguments.of(hostsAdd("\"a.dev\"", "\"127.255.255.255\""), "is not a host address"),
                Arguments.of(hostsAdd("\"a.dev\"", "2130706434"), "address: must be a string"),
                Arguments.of("{\"version\":1,\"op\":\"hosts.add\",\"entries\":[]}", "entries: must hold 1-256 items"),
                Arguments.of("{\"version\":1,\"op\":\"hosts.add\",\"entries\":{}}", "entries: must be a list"),
                Arguments.of("{\"version\":1,\"op\":\"hosts.add\",\"entries\":[{\"id\":\"7\",\"name\":\"a\",\"address\":"
                        + "\"127.0.0.2\",\"uid\":0}]}", "entries: uid is not a field of an entry"),
                Arguments.of("{\"version\":1,\"op\":\"hosts.remove\",\"ids\":[\"a/b\"]}", "ids: must be 1-64 characters"),
                Arguments.of("{\"version\":1,\"op\":\"hosts.remove\",\"ids\":[7]}", "ids: every id must be a string"),
                Arguments.of("{\"version\":1,\"op\":\"loopback.allocate\",\"key\":\"" + "k".repeat(65) + "\"}",
                        "key: must be 1-64 characters"),
                Arguments.of("{\"version\":1,\"op\":\"socket.bind\",\"address\":\"127.0.0.1\",\"port\":0}",
                        "port: 0 is outside 1-1023"),
                Arguments.of("{\"version\":1,\"op\":\"socket.bind\",\"address\":\"127.0.0.1\",\"port\":8080}",
                        "port: 8080 is outside 1-1023"),
                Arguments.of("{\"version\":1,\"op\":\"socket.bind\",\"address\":\"0.0.0.0\",\"port\":80}",
                        "address: 0.0.0.0 is outside 127.0.0.0/8"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void refusesBadInputWithOneLineNamingTheField(String request, String expected) {
        BadRequestException refused = assertThrows(BadRequestException.class, () -> parse(request));
        assertTrue(refused.getMessage().contains(expected), () -> "message was: " + refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), "one line");
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] request = "{\"version\":1,\"op\":\"p\u00ffng\"}".getBytes(StandardCharsets.ISO_8859_1);
        BadRequestException refused = assertThrows(BadRequestException.class, () -> RequestParser.parse(request, 1));
        assertTrue(refused.getMessage().startsWith("request is not valid JSON"), refused.getMessage());
    }
}
