package app.kftray.ui.swt.internal;

import app.kftray.api.model.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
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
        check.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false)); // as wide as its text
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
     * @param parent where the button goes
     * @param id     its widget id
     * @param text   its text, with a mnemonic ({@code &})
     * @return a push button filling its grid cell
     */
    static Button button(Composite parent, String id, String text) {
        Button button = WidgetIds.name(new Button(parent, SWT.PUSH), id);
        button.setText(text);
        button.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return button;
    }

    /**
     * The red line under a form for errors about no one field (or the whole action).
     *
     * @param parent the dialog or tab (grid layout)
     * @param id     its widget id
     * @return the empty label
     */
    static Label errorLine(Composite parent, String id) {
        Label error = WidgetIds.name(new Label(parent, SWT.WRAP), id);
        error.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_RED));
        error.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return error;
    }

    /**
     * @param parent  the dialog or tab (grid layout)
     * @param columns how many buttons go in it
     * @return a right-aligned row of equally wide buttons
     */
    static Composite buttonRow(Composite parent, int columns) {
        Composite buttons = new Composite(parent, SWT.NONE);
        buttons.setLayoutData(new GridData(SWT.END, SWT.CENTER, true, false));
        buttons.setLayout(new GridLayout(columns, true));
        return buttons;
    }

    /**
     * A line of text across a dialog or tab, e.g. why a part is not available.
     *
     * @param parent the dialog or tab (grid layout)
     * @param id     its widget id
     * @param text   what it says
     * @return the label
     */
    static Label textLine(Composite parent, String id, String text) {
        Label line = WidgetIds.name(new Label(parent, SWT.WRAP), id);
        line.setText(text);
        line.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        return line;
    }

    /**
     * A 3-column composite for a form inside a vertical scroller, so a long form stays usable on a
     * low screen (1024×600): the dialog never grows past the screen, the form scrolls instead.
     *
     * @param parent the dialog's shell (grid layout)
     * @return the composite to build the form in
     */
    static Composite scrollingFields(Composite parent) {
        org.eclipse.swt.custom.ScrolledComposite scroll =
                new org.eclipse.swt.custom.ScrolledComposite(parent, SWT.V_SCROLL);
        scroll.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        Composite fields = new Composite(scroll, SWT.NONE);
        fields.setLayout(new GridLayout(3, false));
        scroll.setContent(fields);
        return fields;
    }

    /** Tells the scroller around the form (if any) how big the form now is. */
    private void fitScroller() {
        if (parent.getParent() instanceof org.eclipse.swt.custom.ScrolledComposite scroll) {
            scroll.setMinSize(parent.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        }
    }

    /** Call once the form is built, before the dialog is packed. */
    void done() {
        fitScroller();
    }

    /**
     * A bold heading across a 3-column form, over the rows that follow.
     *
     * @param parent the form's composite
     * @param text   the heading
     */
    static void heading(Composite parent, String text) {
        Label heading = new Label(parent, SWT.NONE);
        heading.setText(text);
        org.eclipse.swt.graphics.FontData[] data = heading.getFont().getFontData();
        for (org.eclipse.swt.graphics.FontData one : data) {
            one.setStyle(SWT.BOLD);
        }
        org.eclipse.swt.graphics.Font bold = new org.eclipse.swt.graphics.Font(parent.getDisplay(), data);
        heading.setFont(bold);
        heading.addListener(SWT.Dispose, e -> bold.dispose());
        GridData span = new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1);
        span.verticalIndent = 6;
        heading.setLayoutData(span);
    }

    /**
     * A text that arrived after opening (an error, the helper's state) may need more room: the
     * dialog grows to fit it, up to the screen's height, rather than cut it.
     *
     * @param dialog the dialog
     */
    static void growToFit(org.eclipse.swt.widgets.Shell dialog) {
        if (dialog.isDisposed()) {
            return;
        }
        org.eclipse.swt.graphics.Point size = dialog.getSize();
        org.eclipse.swt.graphics.Point wanted = dialog.computeSize(SWT.DEFAULT, SWT.DEFAULT);
        org.eclipse.swt.graphics.Rectangle screen = dialog.getDisplay().getClientArea();
        int width = Math.min(screen.width, Math.max(size.x, wanted.x));
        int height = Math.min(screen.height, Math.max(size.y, dialog.computeSize(width, SWT.DEFAULT).y));
        dialog.setSize(width, height);
        org.eclipse.swt.graphics.Point at = dialog.getLocation();
        dialog.setLocation(Math.max(screen.x, Math.min(at.x, screen.x + screen.width - width)),
                Math.max(screen.y, Math.min(at.y, screen.y + screen.height - height)));
        dialog.layout(true, true);
    }

    /**
     * Centres a dialog horizontally over its parent window, near its top, and keeps it on screen.
     *
     * @param dialog the packed dialog
     * @param parent its parent window
     */
    static void placeOver(org.eclipse.swt.widgets.Shell dialog, org.eclipse.swt.widgets.Shell parent) {
        org.eclipse.swt.graphics.Rectangle screen = dialog.getDisplay().getClientArea();
        org.eclipse.swt.graphics.Rectangle over = parent.getBounds();
        org.eclipse.swt.graphics.Point size = dialog.getSize();
        int width = Math.min(size.x, screen.width);
        int height = Math.min(size.y, screen.height);
        int x = Math.max(screen.x, Math.min(over.x + Math.max(0, (over.width - width) / 2), screen.x + screen.width - width));
        int y = Math.max(screen.y, Math.min(over.y + 20, screen.y + screen.height - height));
        dialog.setBounds(x, y, width, height);
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
        fitScroller();
        return unplaced;
    }
}
