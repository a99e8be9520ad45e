package app.kftray.api.model;

import java.util.Objects;

/**
 * One problem with one field of a forward definition.
 *
 * @param field   the field's JSON name (snake_case, as in kftray's configs.json)
 * @param message what is wrong and what is expected, for a person to read
 */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
