package app.kftray.launcher.boot;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides credentials in log lines, whichever library wrote them: header and field values named like a
 * credential ({@code Authorization: Bearer ...}, {@code "token": "..."}, {@code password=...}), bearer
 * and basic credentials, and JSON web tokens. fabric8 logs every request header at trace level.
 */
public final class LogMasker {
    static final String MASK = "***";
    /** A cookie header holds several name=value pairs: all of them, to the end of the line. */
    private static final Pattern COOKIES = Pattern.compile("(?i)\\b((?:set-)?cookie)(\\s{0,3}:\\s{0,3})[^\\r\\n]*");
    private static final Pattern NAMED = Pattern.compile("(?i)((?:proxy-)?authorization|x-api-key"
            + "|[\\w.-]*(?:token|secret|password|passwd|api[-_]?key|credential|signature)[\\w.-]*)"
            + "(\"?\\s{0,3}[:=]\\s{0,3}\"?)((?:bearer|basic|negotiate|digest)\\s+)?([^\\s\",;&}]+)");
    private static final Pattern SCHEME = Pattern.compile("(?i)\\b(bearer|basic)(\\s+)([A-Za-z0-9._~+/=-]{6,})");
    private static final Pattern JWT = Pattern.compile("\\beyJ[\\w-]{4,}\\.[\\w-]{4,}\\.[\\w-]*");

    private LogMasker() {
    }

    /**
     * @param line a formatted log message
     * @return it with every credential value replaced by {@value #MASK}
     */
    public static String mask(String line) {
        if (line == null || line.isEmpty()) {
            return line;
        }
        Matcher named = NAMED.matcher(COOKIES.matcher(line).replaceAll("$1$2" + MASK));
        StringBuilder out = new StringBuilder(line.length());
        while (named.find()) {
            String scheme = named.group(3) == null ? "" : named.group(3);
            named.appendReplacement(out, Matcher.quoteReplacement(named.group(1) + named.group(2) + scheme + MASK));
        }
        named.appendTail(out);
        String masked = SCHEME.matcher(out).replaceAll("$1$2" + MASK);
        return JWT.matcher(masked).replaceAll(MASK);
    }
}
