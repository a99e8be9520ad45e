package app.kftray.metrics.internal;

import app.kftray.api.model.ForwardConfig;

/** The label names every per-forward series carries, and their values for one forward. */
final class ForwardLabels {
    /** Names, in the order {@link #of} gives the values. */
    static final String[] NAMES = {"id", "alias", "context", "namespace", "protocol"};

    private ForwardLabels() {
    }

    /**
     * @param config the forward
     * @param extra  values of further labels, appended
     * @return the label values
     */
    static String[] of(ForwardConfig config, String... extra) {
        String[] values = new String[NAMES.length + extra.length];
        values[0] = String.valueOf(config.id());
        values[1] = text(config.alias());
        values[2] = text(config.context());
        values[3] = text(config.namespace());
        values[4] = text(config.protocol());
        System.arraycopy(extra, 0, values, NAMES.length, extra.length);
        return values;
    }

    /**
     * @param extra names of further labels
     * @return {@link #NAMES} followed by {@code extra}
     */
    static String[] names(String... extra) {
        String[] names = new String[NAMES.length + extra.length];
        System.arraycopy(NAMES, 0, names, 0, NAMES.length);
        System.arraycopy(extra, 0, names, NAMES.length, extra.length);
        return names;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
