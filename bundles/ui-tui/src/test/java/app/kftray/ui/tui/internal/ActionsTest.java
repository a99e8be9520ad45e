package app.kftray.ui.tui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.ConfigStore;
import app.kftray.api.ForwardManager;
import app.kftray.api.HttpLogReader;
import app.kftray.api.StateStore;
import app.kftray.api.StorageException;
import app.kftray.api.model.FieldError;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the user sees when the database fails or a file is bad: one line on the status bar, and the UI goes on. */
class ActionsTest {
    private static final StorageException LOCKED = new StorageException("database is locked",
            new SQLException("SQLITE_BUSY"));

    private final Session session = new Session(new LogFollower(null, Runnable::run, Runnable::run));
    private final Actions actions = new Actions(new TuiServices(failing(ForwardManager.class), failing(ConfigStore.class),
            failing(StateStore.class), failing(HttpLogReader.class), Runnable::run, Map.of()), session, new Actions.Ui() {
                @Override
                public void post(Runnable work) {
                    work.run();
                }

                @Override
                public void postChecked(BooleanSupplier work) {
                    work.getAsBoolean();
                }
            });

    @TempDir
    Path dir;

    /** A service whose every call fails as a locked database does. */
    private static <T> T failing(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            throw LOCKED;
        }));
    }

    @Test
    void aStorageErrorIsShownAsOneLine() {
        actions.load();
        assertEquals("Error loading forwards: database is locked", session.message());
        assertTrue(session.messageIsError());
        actions.refreshStates();
        assertEquals("Error reading forward states: database is locked", session.message());
    }

    @Test
    void aFormWhoseSaveFailsStaysOpenWithItsInput() {
        List<List<FieldError>> refused = new ArrayList<>();
        boolean[] closed = {false};
        actions.save(Fixtures.config(1, "web", null), refused::add, () -> closed[0] = true);
        assertEquals(List.of(List.of()), refused, "the form is told, with no field to blame");
        assertTrue(!closed[0] && session.message().startsWith("Error saving web: database is locked"));
    }

    @Test
    void anUnreadableImportFileSaysSoAndImportsNothing() {
        actions.importFrom(dir.resolve("missing.json"));
        assertEquals("Error importing missing.json: cannot read " + dir.resolve("missing.json") + ": no such file",
                session.message());
        assertTrue(session.messageIsError());
        assertEquals(0, session.forwards.size());
    }
}
