package app.kftray.httplog.internal;

import java.time.Instant;

/**
 * The text of {@link Instant#toString()}, made cheaper for log entries: the date and time of day
 * are formatted once per second and only the fraction for each instant.
 */
final class IsoInstants {
    /** @param text the second's text without the closing {@code Z} */
    private record Second(long epochSecond, String text) {
    }

    // racy by design: a thread seeing an older second only formats that second anew
    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private IsoInstants() {
    }

    /** @return the same text as {@code String.valueOf(instant)} */
    static String format(Instant instant) {
        if (instant == null) {
            return "null";
        }
        Second second = last;
        if (second.epochSecond() != instant.getEpochSecond()) {
            String whole = Instant.ofEpochSecond(instant.getEpochSecond()).toString();
            second = new Second(instant.getEpochSecond(), whole.substring(0, whole.length() - 1));
            last = second;
        }
        int nanos = instant.getNano();
        if (nanos == 0) {
            return second.text() + 'Z';
        }
        // like ISO_INSTANT: as many groups of three digits as the fraction needs
        int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        String fraction = Integer.toString(digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1_000 : nanos);
        StringBuilder out = new StringBuilder(second.text().length() + digits + 2).append(second.text()).append('.');
        for (int i = fraction.length(); i < digits; i++) {
            out.append('0');
        }
        return out.append(fraction).append('Z').toString();
    }
}
