package app.kftray.ui.swt.internal;

import app.kftray.api.model.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * Rows of a three-column form (caption, input, inline error), keyed by the field's JSON
 * name so {@link FieldError}s land next to the input they are about.
 */
final class DialogForm {
    private final Composite parent;
    private final String idPrefix;
    private final Map<String, Control> inputs = new LinkedHashMap<>();
    private final Map<String, Label> errors = new LinkedHashMap<>();

    /**
     * @param parent   a composite with a 3-column grid layout
     * @param idPrefix prefix of the widget ids
     */
    DialogForm(Composite parent, String idPrefix) {
        this.parent = parent;
        this.idPrefix = idPrefix;
    }

    Text text(String field, String caption, String hint) {
        Text text = row(field, caption, new Text(parent, SWT.BORDER | SWT.SINGLE));
        text.setMessage(hint);
        return text;
    }

    /** @param editable whether the user may type a value that is not in the list */
    Combo combo(String field, String caption, boolean editable) {
        return row(field, caption, new Combo(parent, editable ? SWT.DROP_DOWN : SWT.DROP_DOWN | SWT.READ_ONLY));
    }

    Button check(String field, String caption) {
        Button check = row(field, "", new Button(parent, SWT.CHECK));
        check.setText(caption);
        return check;
    }

    /** A row of text the user reads but does not edit, e.g. the state of something a field needs. */
    Label note(String field, String caption, String text) {
        Label note = row(field, caption, new Label(parent, SWT.WRAP));
        note.setText(text);
        return note;
    }

    private <C extends Control> C row(String field, String caption, C input) {
        // the caption must come before the input in the grid: create it, then move it up
        Label label = new Label(parent, SWT.NONE);
        label.setText(caption);
        label.moveAbove(input);
        GridData wide = new GridData(SWT.FILL, SWT.CENTER, true, false);
        wide.widthHint = 260;
        input.setLayoutData(wide);
        Label error = WidgetIds.name(new Label(parent, SWT.WRAP), idPrefix + ".error." + field);
        error.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_RED));
        GridData errorData = new GridData(SWT.FILL, SWT.CENTER, false, false);
        errorData.widthHint = 300;
        error.setLayoutData(errorData);
        WidgetIds.name(input, idPrefix + "." + field);
        inputs.put(field, input);
        errors.put(field, error);
        return input;
    }

    /**
     * Shows errors next to their fields and clears the others.
     *
     * @param problems the validation result
     * @return the problems about fields this form does not have
     */
    List<FieldError> showErrors(List<FieldError> problems) {
        errors.values().forEach(label -> label.setText(""));
        List<FieldError> unplaced = new java.util.ArrayList<>();
        for (FieldError problem : problems) {
            Label label = errors.get(problem.field());
            if (label == null) {
                unplaced.add(problem);
            } else {
                label.setText(label.getText().isEmpty() ? problem.message() : label.getText() + "; " + problem.message());
            }
        }
        parent.layout(true, true);
        return unplaced;
    }
}
