package app.kftray.launcher.boot;

import app.kftray.api.KftrayHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the runtime needs to start, decided from the command line.
 *
 * @param distribution     the unpacked distribution (bundles/ and features/)
 * @param home             the per-user kftray directory
 * @param deployDirectory  directory watched for hot-installed bundles
 * @param features         features to start, in order
 * @param componentTimeout how long to wait for every component to be satisfied
 * @param watchDeploy      whether to install the deploy directory's bundles (not for one-shot commands)
 * @param autoStart        whether the engine starts the forwards marked auto-start (not when a command
 *                         runs named forwards)
 */
public record RuntimeSettings(Path distribution, KftrayHome home, Path deployDirectory, List<String> features,
                       Duration componentTimeout, boolean watchDeploy, boolean autoStart) {
    public RuntimeSettings {
        features = List.copyOf(features);
    }

    Path bundlesDirectory() {
        return distribution.resolve("bundles");
    }

    Path featuresDirectory() {
        return distribution.resolve("features");
    }
}
