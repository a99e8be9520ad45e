package app.kftray.storage.internal;

import app.kftray.api.KftrayHome;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.WorkloadType;
import java.nio.file.Path;
import java.time.Duration;

/** Definitions and stores for tests, always on a temporary directory. */
final class Fixtures {
    static final Duration BUSY = Duration.ofSeconds(5);
    static final Duration POLL = Duration.ofMillis(50);

    private Fixtures() {
    }

    static ForwardConfig service(String alias, int localPort) {
        return ForwardConfig.builder().alias(alias).context("dev").namespace("default")
                .workloadType(WorkloadType.SERVICE).service("web").remotePort(80).localPort(localPort).build();
    }

    static Path database(Path directory) {
        return KftrayHome.of(directory.resolve("home")).database();
    }

    static SqliteConfigStore configStore(Path directory) {
        return new SqliteConfigStore(database(directory), BUSY, POLL);
    }
}
