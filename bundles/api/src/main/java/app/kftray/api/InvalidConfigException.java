package app.kftray.api;

import app.kftray.api.model.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/** A forward definition (or an imported file of them) has bad fields; nothing was written. */
public class InvalidConfigException extends KftrayException {
    private static final long serialVersionUID = 1L;
    private final transient List<FieldError> errors;

    /** @param errors every bad field; for imports the field is prefixed with the entry index, e.g. {@code [3].namespace} */
    public InvalidConfigException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    /** @return every bad field */
    public List<FieldError> errors() {
        return errors;
    }
}
