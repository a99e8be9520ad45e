package app.kftray.ui.tui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.kftray.api.ConfigStore;
import app.kftray.api.ForwardManager;
import app.kftray.api.HttpLogReader;
import app.kftray.api.StateStore;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The timer's state reads wake the UI thread only when the states changed. */
class StateWatchTest {
    private final Session session = new Session(new LogFollower(null, Runnable::run, Runnable::run));
    private final List<ForwardState> rows = new ArrayList<>(List.of(ForwardState.stopped(1)));
    private int posts;
    private boolean fail;

    private final Actions actions = new Actions(new TuiServices(service(ForwardManager.class, "running"),
            service(ConfigStore.class, "none"), service(StateStore.class, "list"), service(HttpLogReader.class, "none"),
            Runnable::run, Map.of()), session, new Actions.Ui() {
                @Override
                public void post(Runnable work) {
                    posts++;
                    work.run();
                }

                @Override
                public void postChecked(BooleanSupplier work) {
                    posts++;
                    work.getAsBoolean();
                }
            });

    /** A service answering only {@code method}: the state rows for "list", none running for "running". */
    private <T> T service(Class<T> type, String method) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            if (!m.getName().equals(method)) {
                throw new UnsupportedOperationException(m.getName());
            }
            if (fail) {
                throw new IllegalStateException("database is locked");
            }
            return method.equals("list") ? List.copyOf(rows) : List.of();
        }));
    }

    @Test
    void onlyAChangedReadIsHandedToTheUi() {
        session.forwards.putConfig(Fixtures.config(1, "web", null));
        actions.watchStates();
        assertEquals(1, posts);
        actions.watchStates();
        actions.watchStates();
        assertEquals(1, posts, "the same states again: the UI thread sleeps on");

        rows.set(0, rows.get(0).withStatus(ForwardStatus.RUNNING, null)); // another process started it
        actions.watchStates();
        assertEquals(2, posts);
        assertEquals(ForwardStatus.RUNNING, session.forwards.row(1).orElseThrow().state().status());
    }

    @Test
    void aFailedReadIsShownAndTheNextGoodOneHandedOverAgain() {
        actions.watchStates();
        fail = true;
        actions.watchStates();
        assertEquals("Error reading forward states: database is locked", session.message());
        fail = false;
        actions.watchStates();
        assertEquals(3, posts, "after an error the same states are handed over again");
    }
}
