package app.kftray.httplog.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tells which names (of headers, query parameters, JSON fields and form fields) carry credentials.
 * One rule for all of them, so a name masked as a header is masked in a URL or a body too. Used by
 * one thread.
 */
final class SecretNames {
    private static final Set<String> SENSITIVE = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "x-api-key", "code", "sig", "auth", "key", "apikey");
    /** Words that make any name sensitive: access_token, client_secret, X-Amz-Signature, api_key, ... */
    private static final Pattern SENSITIVE_WORDS = Pattern.compile(
            "token|secret|password|passwd|pwd|api[-_]?key|signature|credential|private[-_]?key");
    /** Names repeat from message to message: each one's verdict is worked out once. */
    private static final int MAX_REMEMBERED_NAMES = 1024;

    private final boolean builtIn;
    private final Set<String> extra;
    private final Map<String, Boolean> verdicts = new HashMap<>();

    /**
     * @param builtIn    whether the built-in names and words count
     * @param extraNames further names to treat as secret (any case)
     */
    SecretNames(boolean builtIn, List<String> extraNames) {
        this.builtIn = builtIn;
        this.extra = extraNames.stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** @return whether a value under this name is to be masked */
    boolean isSecret(String name) {
        Boolean known = verdicts.get(name);
        if (known != null) {
            return known;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        boolean secret = extra.contains(lower)
                || builtIn && (SENSITIVE.contains(lower) || SENSITIVE_WORDS.matcher(lower).find());
        if (verdicts.size() >= MAX_REMEMBERED_NAMES) {
            // a peer sending ever new names must not grow this without bound
            verdicts.clear();
        }
        verdicts.put(name, secret);
        return secret;
    }
}
