package app.kftray.launcher.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Credentials in log lines, in the shapes libraries write them, are masked; other text is left alone. */
class LogMaskerTest {
    @Test
    void headerLinesAsFabric8LogsThemAtTraceAreMasked() {
        assertEquals("> Authorization: Bearer ***", LogMasker.mask("> Authorization: Bearer abc.def-123"));
        assertEquals("< Set-Cookie: ***", LogMasker.mask("< Set-Cookie: sid=abcdef; HttpOnly"));
        assertEquals("> Cookie: ***\nnext line", LogMasker.mask("> Cookie: a=1; b=2\nnext line"));
        assertEquals("> X-Api-Key: ***", LogMasker.mask("> X-Api-Key: k-123456"));
        assertEquals("proxy-authorization=Basic ***", LogMasker.mask("proxy-authorization=Basic dXNlcjpwYXNz"));
    }

    @Test
    void jsonFieldsQueryParametersAndBareTokensAreMasked() {
        assertEquals("{\"token\":\"***\",\"kind\":\"TokenReview\"}",
                LogMasker.mask("{\"token\":\"s3cr3t\",\"kind\":\"TokenReview\"}"));
        assertEquals("GET /x?access_token=***&page=2", LogMasker.mask("GET /x?access_token=s3cr3t&page=2"));
        assertEquals("client_secret = ***", LogMasker.mask("client_secret = s3cr3t"));
        assertEquals("sent bearer *** upstream", LogMasker.mask("sent bearer abcdefgh12 upstream"));
        assertEquals("jwt *** seen", LogMasker.mask("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-nature seen"));
    }

    @Test
    void ordinaryMessagesAreUnchanged() {
        String line = "forward web: 127.0.0.1:8080 -> pod web-1:80; token refresh in 5 s, 3 retries";
        assertEquals(line, LogMasker.mask(line));
        assertEquals("", LogMasker.mask(""));
    }
}
