package app.kftray.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.kftray.api.HttpLogService;
import app.kftray.api.model.ConfigChange;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import app.kftray.testing.Await;
import org.junit.jupiter.api.Test;

/** HTTP logging is switched on a running forward by saving the definition; no restart is needed. */
class EngineHttpLogSwitchTest extends EngineTestBase {
    private final RecordingHttpLog httpLog = new RecordingHttpLog();

    @Test
    void savingTheFlagSwitchesLoggingForNewConnectionsOfTheRunningForward() throws Exception {
        pod("web", "web-a");
        ForwardConfig web = save(service("web", "web"));
        engine.httpLog = httpLog;
        ForwardState running = await(engine.start(web.id()));

        greeted(running, "web-a");
        assertEquals(List.of(), httpLog.served, "logging is off as saved");

        saveHttpLogs(web, true);
        greeted(running, "web-a");
        Await.until("the logged greeting", WAIT, () -> httpLog.served.equals(List.of("web-a\n")));

        saveHttpLogs(web, false);
        greeted(running, "web-a");
        assertEquals(List.of("web-a\n"), httpLog.served, "the connection after switching off is not logged");
        assertEquals(1, httpLog.opened.size());
        assertEquals(running.since(), engine.status(web.id()).since(), "the forward was not restarted");
    }

    @Test
    void editsOfForwardsThatDoNotRunAreIgnored() throws Exception {
        ForwardConfig idle = save(service("idle", "web"));
        configs.update(idle.toBuilder().httpLogsEnabled(true).build());

        engine.definitionChanged(new ConfigChange(ConfigChange.Kind.UPDATED, idle.id(), false));
        engine.definitionChanged(new ConfigChange(ConfigChange.Kind.DELETED, 404L, true));

        assertEquals(ForwardState.stopped(idle.id()).status(), engine.status(idle.id()).status());
    }

    /** Saves the flag as a user would and waits until the forward's serial tasks have applied it. */
    private void saveHttpLogs(ForwardConfig config, boolean enabled) throws Exception {
        configs.update(config.toBuilder().httpLogsEnabled(enabled).build());
        engine.definitionChanged(new ConfigChange(ConfigChange.Kind.UPDATED, config.id(), false));
        // a start of a running forward is a no-op queued behind the change
        await(engine.start(config.id()));
    }

    /** Records which connections were tapped and what their pods sent. */
    private static final class RecordingHttpLog implements HttpLogService {
        final List<String> opened = new CopyOnWriteArrayList<>();
        final List<String> served = new CopyOnWriteArrayList<>();

        @Override
        public HttpTap open(ForwardConfig config, String connectionId) {
            opened.add(connectionId);
            return new HttpTap() {
                @Override
                public void clientBytes(ByteBuf copy) {
                    copy.release();
                }

                @Override
                public void serverBytes(ByteBuf copy) {
                    served.add(copy.toString(StandardCharsets.UTF_8));
                    copy.release();
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
