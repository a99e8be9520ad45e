package app.kftray.ui.tui.internal;

import app.kftray.api.model.FieldError;
import app.kftray.api.model.ForwardConfig;
import app.kftray.ui.tui.internal.Palette.Style;
import com.googlecode.lanterna.input.KeyStroke;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The add/edit form, full screen: one line per field, each error next to its field. Enter saves
 * when nothing is wrong (once tried, errors follow the typing); Esc closes without saving.
 */
final class FormOverlay implements Overlay {
    private static final int LABEL = 16;
    private static final int FIRST_ROW = 2;

    private final ForwardForm form;
    private final List<FormField> fields;
    private final BiConsumer<ForwardConfig, Consumer<List<FieldError>>> save;
    private Map<String, String> errors = Map.of();
    private boolean validateLive;
    private boolean saving;
    private int focus;

    /**
     * @param form the fields
     * @param save stores a valid definition; calls back with the store's errors when it refused
     *             (the caller closes the form when it saved)
     */
    FormOverlay(ForwardForm form, BiConsumer<ForwardConfig, Consumer<List<FieldError>>> save) {
        this.form = form;
        this.fields = form.fields();
        this.save = save;
    }

    @Override
    public boolean key(KeyStroke key) {
        FormField field = fields.get(focus);
        switch (key.getKeyType()) {
            case Escape -> {
                return false;
            }
            case Enter -> submit();
            case Tab, ArrowDown -> focus = (focus + 1) % fields.size();
            case ReverseTab, ArrowUp -> focus = (focus + fields.size() - 1) % fields.size();
            case ArrowLeft -> field.cycle(-1);
            case ArrowRight -> field.cycle(1);
            case Backspace -> field.erase();
            case Character -> {
                char c = key.getCharacter();
                if (key.isCtrlDown() && c == 'u') {
                    field.clear();
                } else if (c == ' ' && field.kind() != FormField.Kind.TEXT) {
                    field.cycle(1);
                } else if (!key.isCtrlDown() && !key.isAltDown()) {
                    field.type(c);
                }
            }
            default -> {
                // other keys do nothing in the form
            }
        }
        if (validateLive && !saving) {
            errors = form.place(form.read().problems());
        }
        return true;
    }

    private void submit() {
        if (saving) {
            return;
        }
        validateLive = true;
        ForwardForm.Typed typed = form.read();
        List<FieldError> problems = typed.problems();
        errors = form.place(problems);
        if (problems.isEmpty()) {
            saving = true;
            save.accept(typed.config(), refused -> {
                saving = false;
                errors = form.place(refused);
            });
        }
    }

    @Override
    public void draw(Canvas canvas) {
        canvas.clear(0, 0, canvas.width(), canvas.height(), Style.NORMAL);
        canvas.line(0, 0, " " + form.title() + (saving ? "   saving…" : ""), Style.TITLE);
        int valueWidth = Math.max(20, Math.min(40, canvas.width() - LABEL - 50));
        int errorX = LABEL + valueWidth + 2;
        for (int i = 0; i < fields.size(); i++) {
            FormField field = fields.get(i);
            int y = FIRST_ROW + i;
            boolean focused = i == focus;
            canvas.put(0, y, (focused ? "> " : "  ") + field.label(), LABEL, focused ? Style.KEY : Style.NORMAL);
            String shown = field.shown();
            if (focused && field.kind() == FormField.Kind.TEXT) {
                // the end of what is being typed stays in view
                shown += "_";
                if (shown.length() > valueWidth) {
                    shown = "…" + shown.substring(shown.length() - valueWidth + 1);
                }
            }
            canvas.put(LABEL, y, shown, valueWidth, focused ? Style.INPUT : Style.NORMAL);
            String error = errors.get(field.key());
            canvas.line(errorX, y, error == null ? "" : "! " + error, Style.ERROR);
        }
        int bottom = FIRST_ROW + fields.size() + 1;
        String general = errors.get("");
        canvas.line(1, bottom, general == null ? "" : general, Style.ERROR);
        // an error cut at the edge is shown whole here while its field has the focus
        String focused = errors.get(fields.get(focus).key());
        canvas.line(1, bottom + 1, focused == null ? "" : fields.get(focus).label() + ": " + focused, Style.ERROR);
        canvas.line(0, canvas.height() - 1, " " + Keys.FORM.stream().map(b -> b.key() + ": " + b.action())
                .collect(Collectors.joining("   ")), Style.HINT);
    }
}
