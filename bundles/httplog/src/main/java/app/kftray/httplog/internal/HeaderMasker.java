package app.kftray.httplog.internal;

import app.kftray.api.model.HttpExchangeRecord.Header;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns decoded headers into logged ones, hiding credentials. Used by one thread. */
final class HeaderMasker {
    static final String MASK = "***";
    private static final Set<String> KEEP_SCHEME = Set.of("authorization", "proxy-authorization");
    /** Headers holding a URL, whose query may carry a token like the request target's. */
    private static final Set<String> URL_HEADERS = Set.of("location", "content-location", "referer", "origin");

    private final SecretNames names;
    private final TargetMasker targets;

    HeaderMasker(SecretNames names) {
        this.names = names;
        this.targets = new TargetMasker(names);
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
        if (!names.isSecret(name)) {
            return URL_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? targets.mask(value) : value;
        }
        int space = value.indexOf(' ');
        // "Bearer ***" still tells a reader which kind of credential was sent
        return KEEP_SCHEME.contains(name.toLowerCase(Locale.ROOT)) && space > 0
                ? value.substring(0, space) + " " + MASK : MASK;
    }
}
