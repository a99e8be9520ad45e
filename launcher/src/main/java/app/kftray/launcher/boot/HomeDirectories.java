package app.kftray.launcher.boot;

import app.kftray.api.KftrayHome;
import java.io.IOException;
import java.nio.file.Path;

/** Creates the directories of the kftray home owner-only, with a failure as a one-line error. */
public final class HomeDirectories {
    private HomeDirectories() {
    }

    /**
     * @return this process's kftray home, its directory created if missing
     * @throws LauncherException if it, or a file in it, could be changed by another user
     */
    public static KftrayHome prepare() {
        KftrayHome home = KftrayHome.current();
        HomePermissions.requireSafe(create(home.directory()), System.getProperty("user.name"));
        return home;
    }

    static Path create(Path dir) {
        try {
            return KftrayHome.createOwnerOnly(dir);
        } catch (IOException e) {
            throw new LauncherException("cannot create directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
