package app.kftray.relay.deploy.internal;

import java.util.Locale;
import java.util.Map;

/**
 * The labels that mark a relay pod as kftray's, and whose: the user and the host of the
 * process that created it, and the forward it serves. Only pods carrying this user's and
 * this host's labels are ever deleted by this process.
 *
 * @param user the user name, as a label value
 * @param host the host name, as a label value
 */
record RelayLabels(String user, String host) {
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String MANAGER = "kftray";
    static final String COMPONENT = "app.kubernetes.io/component";
    static final String RELAY = "relay";
    static final String CONFIG_ID = "kftray.app/config-id";
    static final String OWNER = "kftray.app/owner";
    static final String HOST = "kftray.app/host";
    private static final int MAX_LABEL_VALUE = 63;

    /**
     * @param user the OS user name, any characters
     * @param host the host name, any characters
     * @return labels with both made valid label values
     */
    static RelayLabels of(String user, String host) {
        return new RelayLabels(labelValue(user), labelValue(host));
    }

    /** @return the labels of the relay pod of one forward */
    Map<String, String> forConfig(long configId) {
        return Map.of(MANAGED_BY, MANAGER, COMPONENT, RELAY, OWNER, user, HOST, host,
                CONFIG_ID, Long.toString(configId));
    }

    /** @return a selector for every relay pod this user created on this host */
    String ownSelector() {
        return MANAGED_BY + "=" + MANAGER + "," + COMPONENT + "=" + RELAY + "," + OWNER + "=" + user + "," + HOST + "="
                + host;
    }

    /** @return a selector for this user's relay pods of one forward */
    String configSelector(long configId) {
        return ownSelector() + "," + CONFIG_ID + "=" + configId;
    }

    /**
     * Kubernetes label values: at most 63 of {@code [A-Za-z0-9._-]}, alphanumeric at both ends.
     *
     * @param raw any text
     * @return a valid label value standing for it ({@code unknown} if nothing usable is left)
     */
    static String labelValue(String raw) {
        String cleaned = (raw == null ? "" : raw).replaceAll("[^A-Za-z0-9._-]", "-");
        if (cleaned.length() > MAX_LABEL_VALUE) {
            cleaned = cleaned.substring(0, MAX_LABEL_VALUE);
        }
        cleaned = cleaned.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
        return cleaned.isEmpty() ? "unknown" : cleaned;
    }

    /**
     * @param configId the forward
     * @return the relay pod's name: a valid DNS label, unique per user and forward
     */
    String podName(long configId) {
        return name("kftray-relay-", configId);
    }

    /**
     * @param configId the forward
     * @return the name of an expose workload's relay Deployment and Secret
     */
    String exposeName(long configId) {
        return name("kftray-expose-", configId);
    }

    private String name(String prefix, long configId) {
        String name = (prefix + configId + "-" + user).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (name.length() > MAX_LABEL_VALUE) {
            name = name.substring(0, MAX_LABEL_VALUE);
        }
        return name.replaceAll("-+$", "");
    }
}
