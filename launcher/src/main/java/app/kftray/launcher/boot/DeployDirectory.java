package app.kftray.launcher.boot;

import app.kftray.api.KftrayHome;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks the directory FileInstall watches for hot-installed bundles. The default one is
 * created on first use; a directory the user named must already exist and be readable.
 */
public final class DeployDirectory {
    private DeployDirectory() {
    }

    public static Path prepare(Path explicit, KftrayHome home) {
        if (explicit == null) {
            return checkReadable(HomeDirectories.create(home.deployDirectory()));
        }
        if (!Files.exists(explicit)) {
            throw new LauncherException("deploy directory " + explicit + " does not exist");
        }
        if (!Files.isDirectory(explicit)) {
            throw new LauncherException("deploy directory " + explicit + " is not a directory");
        }
        return checkReadable(explicit);
    }

    private static Path checkReadable(Path dir) {
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            throw new LauncherException("deploy directory " + dir + " is not readable");
        }
        // its bundles run as this user
        HomePermissions.requireSafe(dir, System.getProperty("user.name"));
        return dir.toAbsolutePath();
    }
}
