package app.kftray.launcher.helper;

import app.kftray.launcher.boot.LauncherException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;

/** Who runs this command and for whom it installs, and whether a file is safe for root to execute. */
public final class Users {
    private Users() {
    }

    /** @return this process's effective user id (the owner of {@code /proc/self}) */
    public static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            throw new LauncherException("cannot tell which user runs kftray: " + e.getMessage(), e);
        }
    }

    /**
     * @param explicit    the uid the user named, or null
     * @param environment this process's environment
     * @return the user to serve: the one named, else the one who ran sudo, else this process's
     */
    public static int invokingUid(Integer explicit, Map<String, String> environment) {
        if (explicit != null) {
            if (explicit < 0) {
                throw new LauncherException("--for-uid " + explicit + " is not a user id");
            }
            return explicit;
        }
        String sudoUid = environment.get("SUDO_UID");
        if (sudoUid != null && sudoUid.matches("[0-9]{1,10}")) {
            return Integer.parseInt(sudoUid);
        }
        return currentUid();
    }

    /**
     * The helper runs as root: the Java it runs must not be changeable by a user, else a user
     * could make root run anything.
     *
     * @param java the {@code java} command
     * @throws LauncherException naming the problem and what to do
     */
    public static void requireRootOwned(Path java) {
        try {
            Path real = java.toRealPath();
            for (Path path = real; path != null; path = path.getParent()) {
                int owner = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
                boolean othersWrite = mode.contains(PosixFilePermission.GROUP_WRITE)
                        || mode.contains(PosixFilePermission.OTHERS_WRITE);
                if (owner != 0 || othersWrite) {
                    throw new LauncherException("the helper runs as root, so the Java it runs must be one only root can "
                            + "change, but " + path + " is not (owner uid " + owner + "); run 'sudo kftray helper install' "
                            + "with a system Java, e.g. JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64");
                }
            }
        } catch (IOException e) {
            throw new LauncherException("cannot check " + java + ": " + e.getMessage(), e);
        }
    }
}
