package app.kftray.ui.tui.internal;

import java.util.List;

/**
 * One field of the add/edit form, named like its JSON key so validation errors find it.
 * Text fields take typing; choices and check boxes cycle with Space and the arrows.
 */
final class FormField {
    /** How the field takes input. */
    enum Kind { TEXT, CHOICE, CHECK }

    private final String key;
    private final String label;
    private final Kind kind;
    private final List<String> choices;
    private String value;

    private FormField(String key, String label, Kind kind, List<String> choices, String value) {
        this.key = key;
        this.label = label;
        this.kind = kind;
        this.choices = List.copyOf(choices);
        this.value = value == null ? "" : value;
    }

    static FormField text(String key, String label, String value) {
        return new FormField(key, label, Kind.TEXT, List.of(), value);
    }

    static FormField choice(String key, String label, List<String> choices, String value) {
        return new FormField(key, label, Kind.CHOICE, choices, value);
    }

    static FormField check(String key, String label, boolean value) {
        return new FormField(key, label, Kind.CHECK, List.of(), Boolean.toString(value));
    }

    String key() {
        return key;
    }

    String label() {
        return label;
    }

    Kind kind() {
        return kind;
    }

    String value() {
        return value;
    }

    /** @return the value, {@code null} when blank */
    String valueOrNull() {
        return value.isBlank() ? null : value.trim();
    }

    boolean checked() {
        return Boolean.parseBoolean(value);
    }

    void type(char c) {
        if (kind == Kind.TEXT) {
            value += c;
        }
    }

    void erase() {
        if (kind == Kind.TEXT && !value.isEmpty()) {
            value = value.substring(0, value.length() - 1);
        }
    }

    void clear() {
        if (kind == Kind.TEXT) {
            value = "";
        }
    }

    /** Toggles a check box, or picks the next ({@code step} 1) or previous (-1) choice. */
    void cycle(int step) {
        if (kind == Kind.CHECK) {
            value = Boolean.toString(!checked());
        } else if (kind == Kind.CHOICE && !choices.isEmpty()) {
            int index = choices.indexOf(value);
            value = choices.get(Math.floorMod(index + step, choices.size()));
        }
    }

    /** @return the value as the form shows it */
    String shown() {
        return switch (kind) {
            case CHECK -> checked() ? "[x]" : "[ ]";
            case CHOICE -> "< " + value + " >";
            default -> value;
        };
    }
}
