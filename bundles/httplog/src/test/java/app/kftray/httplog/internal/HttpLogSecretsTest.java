package app.kftray.httplog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.HttpLogService.HttpTap;
import app.kftray.api.SettingKeys;
import app.kftray.api.model.HttpExchangeRecord;
import app.kftray.api.model.HttpExchangeRecord.BodyFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials in request targets, URL headers, JSON and form bodies never reach a log file. */
class HttpLogSecretsTest {
    @TempDir
    Path root;

    private static String post(String target, String contentType, String body) {
        return "POST " + target + " HTTP/1.1\r\nHost: api\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body;
    }

    private static String ok(String contentType, String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body;
    }

    @Test
    void secretQueryParametersAreMaskedInTheTargetTheStartLineAndUrlHeaders() {
        try (TapHarness harness = new TapHarness(new TestSettings(root), 41)) {
            HttpTap tap = harness.open("q");
            harness.client(tap, "GET /cb?code=s3cr3t-code&state=xyz&access_token=s3cr3t-at&X-Amz-Signature=s3cr3t-sig"
                    + "&sig=s3cr3t-s&password=s3cr3t-pw&token=s3cr3t-t&page=2#frag HTTP/1.1\r\n"
                    + "Referer: https://app/login?client_secret=s3cr3t-cs&lang=en\r\n\r\n");
            harness.server(tap, "HTTP/1.1 302 Found\r\nLocation: /home?refresh_token=s3cr3t-rt\r\n"
                    + "Content-Length: 0\r\n\r\n");
            tap.close();

            HttpExchangeRecord entry = harness.entries().get(0);
            assertEquals("/cb?code=***&state=xyz&access_token=***&X-Amz-Signature=***&sig=***&password=***"
                    + "&token=***&page=2#frag", entry.uri());
            assertEquals("GET " + entry.uri() + " HTTP/1.1", entry.request().startLine());
            assertEquals("https://app/login?client_secret=***&lang=en", entry.request().header("Referer"));
            assertEquals("/home?refresh_token=***", entry.response().header("Location"));
            assertNoSecret(harness);
        }
    }

    @Test
    void secretJsonFieldsAreMaskedAtAnyDepthKeepingTheLayout() {
        String request = "{\n  \"user\": \"ann\",\n  \"password\": \"s3cr3t-pw\",\n  \"nested\": {\"client_secret\": "
                + "\"s3cr3t-cs\", \"api_key\": 12345678, \"keep\": [1, 2]},\n  \"secrets\": {\"a\": \"s3cr3t-obj\"}\n}";
        String response = "{\"access_token\":\"s3cr3t-at\",\"refresh_token\":\"s3cr3t-rt\",\"token_type\":"
                + "\"Bearer\",\"expires_in\":3600}";
        try (TapHarness harness = new TapHarness(new TestSettings(root), 42)) {
            HttpTap tap = harness.open("j");
            harness.client(tap, post("/login", "application/json", request));
            harness.server(tap, ok("application/json; charset=utf-8", response));
            tap.close();

            HttpExchangeRecord entry = harness.entries().get(0);
            assertEquals("{\n  \"user\": \"ann\",\n  \"password\": \"***\",\n  \"nested\": {\"client_secret\": \"***\","
                    + " \"api_key\": \"***\", \"keep\": [1, 2]},\n  \"secrets\": \"***\"\n}", entry.request().body());
            assertEquals("{\"access_token\":\"***\",\"refresh_token\":\"***\",\"token_type\":\"***\","
                    + "\"expires_in\":3600}", entry.response().body());
            assertNoSecret(harness);
        }
    }

    @Test
    void aJsonBodyCutAtTheCaptureLimitOrBrokenIsStillMasked() {
        TestSettings settings = new TestSettings(root);
        settings.maxBodyBytes = 40;
        String cut = "{\"name\": \"x\", \"password\": \"s3cr3t-pw-that-runs-past-the-limit-of-the-capture\"}";
        String broken = "{\"a\": 1,, \"token\": \"s3cr3t-broken\", \"b\": 2}";
        try (TapHarness harness = new TapHarness(settings, 43)) {
            HttpTap tap = harness.open("cut");
            harness.client(tap, post("/a", "application/json", cut));
            harness.server(tap, ok("application/json", broken.substring(0, 40)));
            tap.close();

            HttpExchangeRecord entry = harness.entries().get(0);
            assertTrue(entry.request().truncated());
            assertEquals("{\"name\": \"x\", \"password\": \"***\"", entry.request().body());
            assertEquals("{\"a\": 1,, \"token\": \"***\", \"b\":", entry.response().body());
            assertNoSecret(harness);
        }
    }

    @Test
    void secretFormFieldsAreMaskedAndOtherTextIsLeftAlone() {
        try (TapHarness harness = new TapHarness(new TestSettings(root), 44)) {
            HttpTap tap = harness.open("f");
            harness.client(tap, post("/token", "application/x-www-form-urlencoded",
                    "grant_type=password&username=ann&password=s3cr3t-pw&client_secret=s3cr3t-cs&scope=a+b"));
            harness.server(tap, ok("text/plain", "password=not-a-form-field"));
            tap.close();

            HttpExchangeRecord entry = harness.entries().get(0);
            assertEquals("grant_type=password&username=ann&password=***&client_secret=***&scope=a+b",
                    entry.request().body());
            assertEquals("password=not-a-form-field", entry.response().body());
        }
    }

    @Test
    void namesAddedForHeadersAreMaskedInQueriesAndBodiesToo() {
        TestSettings settings = new TestSettings(root);
        settings.maskedHeaders = List.of("X-Tenant");
        try (TapHarness harness = new TapHarness(settings, 45)) {
            HttpTap tap = harness.open("extra");
            harness.client(tap, post("/x?x-tenant=s3cr3t-q", "application/json", "{\"X-Tenant\": \"s3cr3t-b\"}"));
            harness.server(tap, ok("text/plain", "fine"));
            tap.close();
            assertNoSecret(harness);
        }
    }

    @Test
    void theHeadersLevelKeepsMaskedHeadersAndNoBodies() {
        try (TapHarness harness = new TapHarness(new TestSettings(root), 46)) {
            harness.component.policy().refresh(settings(Map.of(SettingKeys.HTTP_LOGS_BODY_LEVEL, "headers")));
            HttpTap tap = harness.open("h");
            harness.client(tap, post("/login?token=s3cr3t-q", "application/json", "{\"user\": \"private-body\"}"));
            harness.server(tap, ok("application/json", "{\"greeting\": \"private-reply\"}"));
            tap.close();

            HttpExchangeRecord entry = harness.entries().get(0);
            assertEquals(BodyFormat.NONE, entry.request().bodyFormat());
            assertNull(entry.request().body());
            assertEquals(BodyFormat.NONE, entry.response().bodyFormat());
            assertEquals("application/json", entry.request().header("Content-Type"));
            assertEquals(24, entry.request().decodedBytes());
            String everything = harness.view() + harness.jsonLines();
            assertFalse(everything.contains("private-"), everything);
            assertNoSecret(harness);
        }
    }

    @Test
    void anUnknownBodyLevelKeepsTheConfiguredOne() {
        LogPolicy policy = new LogPolicy(new TestSettings(root).build());
        policy.refresh(settings(Map.of(SettingKeys.HTTP_LOGS_BODY_LEVEL, "everything",
                SettingKeys.HTTP_LOGS_MAX_FILE_SIZE, "-5", SettingKeys.HTTP_LOGS_RETENTION_DAYS, "3",
                SettingKeys.HTTP_LOGS_TOTAL_SIZE_CAP, "lots")));
        assertEquals(Verbosity.BODIES, policy.verbosity());
        assertEquals(10L * 1024 * 1024, policy.maxFileBytes());
        assertEquals(3, policy.retention().toDays());
        assertEquals(LogPolicy.DEFAULT_TOTAL_CAP, policy.totalCap());
    }

    static Function<String, Optional<String>> settings(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }

    private static void assertNoSecret(TapHarness harness) {
        String everything = harness.view() + harness.jsonLines();
        assertFalse(everything.contains("s3cr3t"), everything);
    }
}
