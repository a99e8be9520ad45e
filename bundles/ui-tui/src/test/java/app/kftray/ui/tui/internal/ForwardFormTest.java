package app.kftray.ui.tui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.model.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ForwardFormTest {
    private static FormField field(ForwardForm form, String key) {
        return form.fields().stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow();
    }

    private static void type(FormField field, String text) {
        field.clear();
        text.chars().forEach(c -> field.type((char) c));
    }

    @Test
    void anEmptyFormListsEveryMissingFieldWithTheStoresMessages() {
        ForwardForm form = new ForwardForm(null, Set.of("tcp", "udp"));
        Map<String, String> errors = form.place(form.read().problems());
        assertEquals("is required", errors.get("namespace"));
        assertEquals("is required: a port number or a named port", errors.get("remote_port"));
        assertTrue(errors.get("service").contains("needs the service name"), errors.toString());
    }

    @Test
    void aPortThatIsNoNumberIsATypingErrorOfItsField() {
        ForwardForm form = new ForwardForm(null, Set.of("tcp"));
        type(field(form, "local_port"), "abc");
        assertEquals("'abc' is not a number; use 0-65535", form.place(form.read().problems()).get("local_port"));
    }

    @Test
    void aValidFormMakesTheDefinitionAndKeepsTheIdWhenEditing() {
        ForwardForm form = new ForwardForm(Fixtures.config(7, "web", null), Set.of("tcp", "udp"));
        type(field(form, "local_port"), "9090");
        field(form, "protocol").cycle(1);
        field(form, "http_logs_enabled").cycle(1);
        ForwardForm.Typed typed = form.read();
        assertEquals(List.of(), typed.problems());
        assertEquals(7L, typed.config().id());
        assertEquals(9090, typed.config().localPort());
        assertEquals("udp", typed.config().protocol());
        assertTrue(typed.config().httpLogsEnabled());
        assertEquals("Edit forward web", form.title());
    }

    @Test
    void anErrorOfNoFieldOfTheFormIsShownApart() {
        ForwardForm form = new ForwardForm(null, Set.of("tcp"));
        Map<String, String> placed = form.place(List.of(new FieldError("alias", "taken"),
                new FieldError("id", "unknown id 9")));
        assertEquals("taken", placed.get("alias"));
        assertEquals("id: unknown id 9", placed.get(""));
    }
}
