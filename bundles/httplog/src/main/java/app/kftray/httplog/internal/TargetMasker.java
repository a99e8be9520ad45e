package app.kftray.httplog.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Masks the values of secret query parameters ({@code access_token}, {@code X-Amz-Signature},
 * {@code code}, ...) in a request target or URL, and of secret fields in a form-encoded body. The
 * rest of the text is left exactly as sent. Used by one thread.
 */
final class TargetMasker {
    private final SecretNames names;

    TargetMasker(SecretNames names) {
        this.names = names;
    }

    /**
     * @param target a request target or URL, may be {@code null}
     * @return it with the value of every secret query parameter replaced by {@value HeaderMasker#MASK}
     */
    String mask(String target) {
        if (target == null) {
            return null;
        }
        int query = target.indexOf('?');
        if (query < 0) {
            return target;
        }
        int fragment = target.indexOf('#', query);
        int end = fragment < 0 ? target.length() : fragment;
        String masked = maskPairs(target.substring(query + 1, end));
        return target.substring(0, query + 1) + masked + target.substring(end);
    }

    /**
     * @param pairs {@code name=value} pairs joined by {@code &} (a query, or a form-encoded body)
     * @return them with every secret value masked
     */
    String maskPairs(String pairs) {
        StringBuilder out = new StringBuilder(pairs.length());
        int start = 0;
        while (start <= pairs.length()) {
            int amp = pairs.indexOf('&', start);
            int end = amp < 0 ? pairs.length() : amp;
            String pair = pairs.substring(start, end);
            int equals = pair.indexOf('=');
            if (equals > 0 && names.isSecret(decode(pair.substring(0, equals)))) {
                out.append(pair, 0, equals + 1).append(HeaderMasker.MASK);
            } else {
                out.append(pair);
            }
            if (amp < 0) {
                break;
            }
            out.append('&');
            start = amp + 1;
        }
        return out.toString();
    }

    private static String decode(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return name;
        }
    }
}
