package app.kftray.emulator.auth;

import app.kftray.emulator.store.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bearer tokens the API server accepts: the emulator's own (never expires, cluster-wide; null accepts
 * any caller) and tokens issued at run time, each for an identity and until an instant, as short-lived
 * exec-plugin or OIDC credentials are. A missing, unknown or expired token gets 401, as from a real API
 * server. Thread-safe.
 */
public final class Credentials {
    private final byte[] adminToken;
    private final Clock clock;
    private final Map<String, Grant> issued = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger rejected = new AtomicInteger();

    private record Grant(Identity identity, Instant expiresAt) {
    }

    /** @param adminToken the token with every right, or null to accept any caller as admin */
    public Credentials(String adminToken, Clock clock) {
        this.adminToken = adminToken == null ? null : adminToken.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** A new random token for {@code identity}, valid for {@code ttl} from now. */
    public String issue(Identity identity, Duration ttl) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        issued.put(token, new Grant(identity, clock.instant().plus(ttl)));
        return token;
    }

    /** Makes {@code token} invalid at once (as a revoked service-account token). */
    public void revoke(String token) {
        issued.remove(token);
    }

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @return whom the request comes from
     * @throws ApiException 401 when the token is missing, unknown or expired
     */
    public Identity authenticate(String authorization) throws ApiException {
        if (adminToken == null) {
            return Identity.ADMIN;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized();
        }
        String token = authorization.substring(7).trim();
        if (MessageDigest.isEqual(adminToken, token.getBytes(StandardCharsets.UTF_8))) {
            return Identity.ADMIN;
        }
        Grant grant = issued.get(token);
        if (grant == null || !clock.instant().isBefore(grant.expiresAt())) {
            throw unauthorized();
        }
        return grant.identity();
    }

    /** @return how many requests were answered 401 */
    public int rejected() {
        return rejected.get();
    }

    private ApiException unauthorized() {
        rejected.incrementAndGet();
        return ApiException.unauthorized();
    }
}
