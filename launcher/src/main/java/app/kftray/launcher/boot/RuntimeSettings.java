package app.kftray.launcher.boot;

import app.kftray.api.KftrayHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
 * @param properties       further framework properties from the command line (see
 *                         {@link app.kftray.api.RuntimeProperties})
 */
public record RuntimeSettings(Path distribution, KftrayHome home, Path deployDirectory, List<String> features,
                       Duration componentTimeout, boolean watchDeploy, boolean autoStart,
                       Map<String, String> properties) {
    public RuntimeSettings {
        features = List.copyOf(features);
        properties = Map.copyOf(properties);
    }

    /** Settings without further framework properties. */
    public RuntimeSettings(Path distribution, KftrayHome home, Path deployDirectory, List<String> features,
                           Duration componentTimeout, boolean watchDeploy, boolean autoStart) {
        this(distribution, home, deployDirectory, features, componentTimeout, watchDeploy, autoStart, Map.of());
    }

    Path bundlesDirectory() {
        return distribution.resolve("bundles");
    }

    Path featuresDirectory() {
        return distribution.resolve("features");
    }
}
