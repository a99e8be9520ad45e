package app.kftray.api.model;

import java.util.List;

/**
 * The local port as a person types it into a form: the desktop dialog and the terminal UI read it
 * the same way and give the same message for a text that is no number.
 */
public final class LocalPortInput {
    private LocalPortInput() {
    }

    /**
     * @param text   what was typed, may be {@code null}; blank means 0
     * @param errors gets a {@code local_port} error when the text is no number
     * @return the port typed, or 0 when blank or no number (range checks are the definition's
     *         own validation, {@link ForwardConfig#validate()})
     */
    public static int parse(String text, List<FieldError> errors) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(trimmed);
        } catch (NumberFormatException e) {
            errors.add(new FieldError("local_port", "'" + trimmed + "' is not a number; use 0-65535"));
            return 0;
        }
    }
}
