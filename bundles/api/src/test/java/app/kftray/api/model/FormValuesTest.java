package app.kftray.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The values every interface shows or reads the same way: byte counts and a typed local port. */
class FormValuesTest {
    @Test
    void byteCountsUseBinaryUnitsInEveryLocale() {
        assertEquals("0 B", ByteCount.human(0));
        assertEquals("1023 B", ByteCount.human(1023));
        assertEquals("1.0 KiB", ByteCount.human(1024));
        assertEquals("2.5 GiB", ByteCount.human(5L * 1024 * 1024 * 1024 / 2));
    }

    @Test
    void aTypedLocalPortIsANumberOrOneFieldError() {
        List<FieldError> errors = new ArrayList<>();
        assertEquals(8080, LocalPortInput.parse(" 8080 ", errors));
        assertEquals(0, LocalPortInput.parse("", errors), "blank: any free port");
        assertEquals(0, LocalPortInput.parse(null, errors));
        assertEquals(List.of(), errors);
        assertEquals(0, LocalPortInput.parse("abc", errors));
        assertEquals(List.of(new FieldError("local_port", "'abc' is not a number; use 0-65535")), errors);
    }
}
