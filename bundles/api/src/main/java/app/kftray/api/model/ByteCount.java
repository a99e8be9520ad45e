package app.kftray.api.model;

import java.util.Locale;

/** Byte counts as people read them, the same in every interface: binary units, one decimal. */
public final class ByteCount {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private ByteCount() {
    }

    /**
     * @param bytes a count, not negative
     * @return e.g. {@code 512 B}, {@code 1.5 KiB}, {@code 2.0 GiB}; the same in every locale
     */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
