package app.kftray.api.model;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How an {@link WorkloadType#EXPOSE} forward is published in the cluster, from kftray's
 * {@code exposure_type}, {@code ingress_class}, {@code ingress_annotations}, {@code cert_manager_enabled},
 * {@code cert_issuer} and {@code cert_issuer_kind} fields.
 *
 * @param exposure           inside the cluster only (a Service) or public too (an Ingress)
 * @param ingressClass       the Ingress's {@code ingressClassName}, {@code null} for the cluster default
 * @param ingressAnnotations extra annotations of the Ingress
 * @param certManagerEnabled ask cert-manager for a TLS certificate of the host
 * @param certIssuer         the cert-manager issuer's name
 * @param certIssuerKind     {@code Issuer} or {@code ClusterIssuer}
 */
public record ExposeOptions(Exposure exposure, String ingressClass, Map<String, String> ingressAnnotations,
                            boolean certManagerEnabled, String certIssuer, String certIssuerKind) {
    /** cert-manager issuer when none is named, as kftray's default. */
    public static final String DEFAULT_ISSUER = "letsencrypt-prod";
    /** Issuer kind when none is named. */
    public static final String CLUSTER_ISSUER = "ClusterIssuer";
    /** The other issuer kind, namespaced. */
    public static final String ISSUER = "Issuer";

    /** Where an exposed port can be reached from. */
    public enum Exposure {
        /** Pods of the cluster, through a Service (kftray writes {@code cluster} or {@code internal}). */
        CLUSTER,
        /** Anyone who reaches the cluster's ingress controller, through an Ingress. */
        PUBLIC;

        /**
         * @param text kftray's {@code exposure_type}, any case; {@code null} means cluster
         * @return the exposure, empty when the text names none
         */
        public static Optional<Exposure> parse(String text) {
            if (text == null || text.isBlank()) {
                return Optional.of(CLUSTER);
            }
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "cluster", "internal" -> Optional.of(CLUSTER);
                case "public" -> Optional.of(PUBLIC);
                default -> Optional.empty();
            };
        }
    }

    public ExposeOptions {
        exposure = exposure == null ? Exposure.CLUSTER : exposure;
        ingressAnnotations = ingressAnnotations == null ? Map.of() : Map.copyOf(ingressAnnotations);
        certIssuer = certIssuer == null || certIssuer.isBlank() ? DEFAULT_ISSUER : certIssuer.trim();
        certIssuerKind = ISSUER.equals(certIssuerKind) ? ISSUER : CLUSTER_ISSUER;
    }

    /** @return a forward reachable from inside the cluster only */
    public static ExposeOptions clusterOnly() {
        return new ExposeOptions(Exposure.CLUSTER, null, Map.of(), false, null, null);
    }

    /** @return whether an Ingress is created */
    public boolean isPublic() {
        return exposure == Exposure.PUBLIC;
    }
}
