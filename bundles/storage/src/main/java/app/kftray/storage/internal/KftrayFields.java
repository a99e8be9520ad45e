package app.kftray.storage.internal;

import java.util.Map;
import java.util.Set;

/** Field names, defaults and placeholders of kftray's {@code configs.json}. */
final class KftrayFields {
    static final String ID = "id";
    static final String ALIAS = "alias";
    static final String CONTEXT = "context";
    static final String KUBECONFIG = "kubeconfig";
    static final String NAMESPACE = "namespace";
    static final String WORKLOAD_TYPE = "workload_type";
    static final String SERVICE = "service";
    static final String TARGET = "target";
    static final String REMOTE_ADDRESS = "remote_address";
    static final String PROTOCOL = "protocol";
    static final String LOCAL_ADDRESS = "local_address";
    static final String LOCAL_PORT = "local_port";
    static final String REMOTE_PORT = "remote_port";
    static final String AUTO_LOOPBACK_ADDRESS = "auto_loopback_address";
    static final String DOMAIN_ENABLED = "domain_enabled";
    static final String HTTP_LOGS_ENABLED = "http_logs_enabled";
    static final String HTTP_LOGS_MAX_FILE_SIZE = "http_logs_max_file_size";
    static final String HTTP_LOGS_RETENTION_DAYS = "http_logs_retention_days";
    static final String HTTP_LOGS_AUTO_CLEANUP = "http_logs_auto_cleanup";
    /** Ours, not kftray's: start with a headless or desktop runtime. */
    static final String AUTO_START = "auto_start";
    /** Ours, not (yet) kftray's (its issue #670 asks for it): the group the UIs list it under. */
    static final String GROUP = "group";

    /** kftray's "unset" values written by its {@code Config::default}. */
    static final Map<String, String> PLACEHOLDERS = Map.of(
            SERVICE, "default-service",
            NAMESPACE, "default-namespace",
            CONTEXT, "current-context",
            WORKLOAD_TYPE, "default-workload",
            PROTOCOL, "protocol",
            REMOTE_ADDRESS, "default-remote-address",
            ALIAS, "default-alias",
            TARGET, "default-target",
            KUBECONFIG, "default");

    static final long DEFAULT_HTTP_LOGS_MAX_FILE_SIZE = 10L * 1024 * 1024;
    static final long MAX_HTTP_LOGS_MAX_FILE_SIZE = 100L * 1024 * 1024;
    static final long DEFAULT_HTTP_LOGS_RETENTION_DAYS = 7;
    static final long MAX_HTTP_LOGS_RETENTION_DAYS = 365;

    /** kftray fields kept verbatim for round trips; the api record does not model them. */
    static final Set<String> KEPT_AS_EXTRA = Set.of(HTTP_LOGS_MAX_FILE_SIZE, HTTP_LOGS_RETENTION_DAYS,
            HTTP_LOGS_AUTO_CLEANUP, ExposeFields.EXPOSURE_TYPE, ExposeFields.CERT_MANAGER_ENABLED,
            ExposeFields.CERT_ISSUER, ExposeFields.CERT_ISSUER_KIND, ExposeFields.INGRESS_CLASS,
            ExposeFields.INGRESS_ANNOTATIONS);

    /** Fields read into the api record (or deliberately ignored, like {@code id}). */
    static final Set<String> MODELLED = Set.of(ID, ALIAS, CONTEXT, KUBECONFIG, NAMESPACE, WORKLOAD_TYPE, SERVICE,
            TARGET, REMOTE_ADDRESS, PROTOCOL, LOCAL_ADDRESS, LOCAL_PORT, REMOTE_PORT, AUTO_LOOPBACK_ADDRESS,
            DOMAIN_ENABLED, HTTP_LOGS_ENABLED, AUTO_START, GROUP);

    private KftrayFields() {
    }
}
