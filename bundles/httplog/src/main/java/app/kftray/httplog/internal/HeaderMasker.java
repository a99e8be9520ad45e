package app.kftray.httplog.internal;

import app.kftray.api.model.HttpExchangeRecord.Header;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns decoded headers into logged ones, hiding credentials. Used by one thread. */
final class HeaderMasker {
    static final String MASK = "***";
    private static final Set<String> SENSITIVE = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "x-api-key");
    private static final Pattern SENSITIVE_WORDS = Pattern.compile("token|secret|password|passwd|api-?key");
    private static final Set<String> KEEP_SCHEME = Set.of("authorization", "proxy-authorization");

    /** Header names repeat from message to message: each one's verdict is worked out once. */
    private static final int MAX_REMEMBERED_NAMES = 1024;

    private final boolean maskSensitive;
    private final Set<String> extra;
    private final Map<String, Boolean> sensitiveNames = new HashMap<>();

    HeaderMasker(boolean maskSensitive, List<String> extraNames) {
        this.maskSensitive = maskSensitive;
        this.extra = extraNames.stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /**
     * @param headers decoded headers
     * @return them in wire order, sensitive values masked
     */
    List<Header> mask(HttpHeaders headers) {
        List<Header> result = new ArrayList<>(headers.size());
        for (Map.Entry<String, String> header : headers) {
            result.add(new Header(header.getKey(), maskValue(header.getKey(), header.getValue())));
        }
        return result;
    }

    private String maskValue(String name, String value) {
        if (!isSensitive(name)) {
            return value;
        }
        int space = value.indexOf(' ');
        // "Bearer ***" still tells a reader which kind of credential was sent
        return KEEP_SCHEME.contains(name.toLowerCase(Locale.ROOT)) && space > 0
                ? value.substring(0, space) + " " + MASK : MASK;
    }

    private boolean isSensitive(String name) {
        Boolean known = sensitiveNames.get(name);
        if (known != null) {
            return known;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        boolean sensitive = extra.contains(lower)
                || maskSensitive && (SENSITIVE.contains(lower) || SENSITIVE_WORDS.matcher(lower).find());
        if (sensitiveNames.size() >= MAX_REMEMBERED_NAMES) {
            // a peer sending ever new names must not grow this without bound
            sensitiveNames.clear();
        }
        sensitiveNames.put(name, sensitive);
        return sensitive;
    }
}
