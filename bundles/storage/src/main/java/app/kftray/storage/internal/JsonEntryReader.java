package app.kftray.storage.internal;

import app.kftray.api.model.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * Reads typed fields of one imported JSON object the way kftray accepts them, adding a
 * {@link FieldError} named {@code [index].field} for each value of the wrong type.
 */
final class JsonEntryReader {
    private final ObjectNode entry;
    private final String prefix;
    private final List<FieldError> errors;

    JsonEntryReader(ObjectNode entry, int index, List<FieldError> errors) {
        this.entry = entry;
        this.prefix = "[" + index + "].";
        this.errors = errors;
    }

    /** @return the text, {@code null} when missing, null, blank or kftray's placeholder for "unset" */
    String text(String field) {
        JsonNode value = entry.get(field);
        if (isAbsent(value)) {
            return null;
        }
        if (!value.isTextual()) {
            error(field, "expected a string, got " + describe(value));
            return null;
        }
        String text = value.textValue().trim();
        return text.isEmpty() || text.equals(KftrayFields.PLACEHOLDERS.get(field)) ? null : text;
    }

    /** @return the flag; kftray also writes {@code "true"}/{@code "false"} strings; missing is {@code fallback} */
    boolean flag(String field, boolean fallback) {
        JsonNode value = entry.get(field);
        if (isAbsent(value)) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            String text = value.textValue().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
        }
        error(field, "expected true or false, got " + describe(value));
        return fallback;
    }

    /** @return the local port, 0 when missing */
    int localPort(String field) {
        JsonNode value = entry.get(field);
        if (isAbsent(value)) {
            return 0;
        }
        if (!value.isIntegralNumber()) {
            error(field, "expected a port number 0..65535, got " + describe(value));
            return 0;
        }
        if (!value.canConvertToInt() || value.intValue() < 0 || value.intValue() > 65535) {
            error(field, value.asText() + " is out of range 0..65535 (0 picks a free port)");
            return 0;
        }
        return value.intValue();
    }

    /** @return a port number as text, or a named port; {@code null} when missing */
    String remotePort(String field) {
        JsonNode value = entry.get(field);
        if (isAbsent(value)) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asText(); // range checked with the other rules of a definition
        }
        if (value.isTextual()) {
            return value.textValue().trim().isEmpty() ? null : value.textValue().trim();
        }
        error(field, "expected a port number or a port name, got " + describe(value));
        return null;
    }

    /** Checks that an optional number lies in {@code 1..max}. */
    void checkRange(String field, long max, String unit) {
        JsonNode value = entry.get(field);
        if (isAbsent(value)) {
            return;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 1 || value.longValue() > max) {
            error(field, "expected a number of " + unit + " in 1.." + max + ", got " + describe(value));
        }
    }

    void error(String field, String message) {
        errors.add(new FieldError(prefix + field, message));
    }

    private static boolean isAbsent(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "the string \"" + value.textValue() + "\"";
            case NUMBER -> "the number " + value.asText();
            case BOOLEAN -> value.asText();
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
