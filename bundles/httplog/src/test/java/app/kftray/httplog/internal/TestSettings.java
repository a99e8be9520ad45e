package app.kftray.httplog.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Settings for tests: the defaults, changed field by field. */
final class TestSettings {
    Path root;
    Verbosity verbosity = Verbosity.BODIES;
    int maxBodyBytes = 256 * 1024;
    int hexPreviewBytes = 16;
    int queueMaxBuffers = 8192;
    long queueMaxBytes = 64L * 1024 * 1024;
    long maxFileBytes = 10L * 1024 * 1024;
    int maxRotatedFiles = 10;
    List<String> maskedHeaders = List.of();
    Duration pendingTimeout = Duration.ofMinutes(5);

    TestSettings(Path root) {
        this.root = root;
    }

    HttpLogSettings build() {
        return new HttpLogSettings(root, verbosity, maxBodyBytes, hexPreviewBytes, 64 * 1024, queueMaxBuffers,
                queueMaxBytes, maxFileBytes, maxRotatedFiles, Duration.ofDays(7), true, maskedHeaders,
                pendingTimeout);
    }
}
