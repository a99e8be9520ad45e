package app.kftray.launcher.doctor;

/**
 * One line of {@code kftray doctor}: how a check went, on what, and what it means.
 *
 * @param level how it went
 * @param topic what was checked, e.g. {@code cluster}
 * @param text  what was found and, for a problem, what to do
 */
public record Finding(Level level, String topic, String text) {
    /** How a check went. */
    public enum Level {
        /** Fine. */
        OK("ok"),
        /** Worth knowing; nothing kftray needs now is broken. */
        WARN("warn"),
        /** Broken: something kftray needs does not work. */
        FAIL("FAIL");

        private final String label;

        Level(String label) {
            this.label = label;
        }
    }

    static Finding ok(String topic, String text) {
        return new Finding(Level.OK, topic, text);
    }

    static Finding warn(String topic, String text) {
        return new Finding(Level.WARN, topic, text);
    }

    static Finding fail(String topic, String text) {
        return new Finding(Level.FAIL, topic, text);
    }

    /** @return the line as printed: level, topic, text in columns */
    @Override
    public String toString() {
        return String.format("%-5s %-10s %s", level.label, topic, text);
    }
}
