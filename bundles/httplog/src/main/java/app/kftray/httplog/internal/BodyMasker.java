package app.kftray.httplog.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the values of secret fields ({@code password}, {@code client_secret}, {@code refresh_token},
 * {@code api_key}, ...) in a JSON or form-encoded body shown as text, keeping its layout. A body cut
 * at the capture limit or not quite JSON is still masked. Used by one thread.
 */
final class BodyMasker {
    private static final String MASKED_VALUE = "\"" + HeaderMasker.MASK + "\"";
    /** For text the parser gives up on: a quoted name, a colon, and a string (maybe cut off) or a scalar. */
    private static final Pattern LOOSE_FIELD = Pattern.compile(
            "\"((?:[^\"\\\\]|\\\\.)*)\"(\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"?|[^\\s,}\\]]+)");

    private final JsonFactory json = new JsonFactory();
    private final SecretNames names;
    private final TargetMasker form;

    BodyMasker(SecretNames names) {
        this.names = names;
        this.form = new TargetMasker(names);
    }

    /**
     * @param text        the body as text
     * @param contentType the message's Content-Type, lower case, may be empty
     * @return the text with secret values masked
     */
    String mask(String text, String contentType) {
        if (contentType.contains("x-www-form-urlencoded")) {
            return form.maskPairs(text);
        }
        String start = text.stripLeading();
        if (contentType.contains("json") || start.startsWith("{") || start.startsWith("[")) {
            return maskJson(text);
        }
        return text;
    }

    private String maskJson(String text) {
        List<int[]> spans = new ArrayList<>();
        int pending = -1;
        boolean parsed = true;
        try (JsonParser parser = json.createParser(text)) {
            for (JsonToken token; (token = parser.nextToken()) != null; ) {
                if (token != JsonToken.FIELD_NAME || !names.isSecret(parser.currentName())) {
                    continue;
                }
                JsonToken value = parser.nextToken();
                if (value == null) {
                    break;
                }
                pending = (int) parser.currentTokenLocation().getCharOffset();
                if (value.isStructStart()) {
                    parser.skipChildren();
                } else {
                    parser.getText();
                }
                spans.add(new int[] {pending, (int) parser.currentLocation().getCharOffset()});
                pending = -1;
            }
        } catch (IOException | RuntimeException cutOrInvalid) {
            parsed = false;
            if (pending >= 0) {
                // the body ends inside a secret value: hide the rest
                spans.add(new int[] {pending, text.length()});
            }
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (int[] span : spans) {
            out.append(text, from, span[0]).append(MASKED_VALUE);
            from = Math.min(span[1], text.length());
        }
        out.append(text, from, text.length());
        return parsed ? out.toString() : maskLoosely(out.toString());
    }

    /** Past a parse error the structure is unknown: masks every {@code "secret-name": value} still in view. */
    private String maskLoosely(String text) {
        Matcher field = LOOSE_FIELD.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (field.find()) {
            String replacement = names.isSecret(field.group(1).toLowerCase(Locale.ROOT))
                    ? "\"" + field.group(1) + "\"" + field.group(2) + MASKED_VALUE : field.group();
            field.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        field.appendTail(out);
        return out.toString();
    }
}
