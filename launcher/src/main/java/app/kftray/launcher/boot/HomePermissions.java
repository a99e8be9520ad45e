package app.kftray.launcher.boot;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Refuses a kftray home or deploy directory that someone else could change: kftray runs the bundles
 * of the deploy directory and trusts its database and configuration, so a directory, or a file
 * directly in one, that is writable by group or others or owned by another user would let them run
 * code as this user. The error names each path and the command that fixes it.
 */
public final class HomePermissions {
    private static final Set<PosixFilePermission> OTHERS_WRITE = EnumSet.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    private HomePermissions() {
    }

    /**
     * @param dir  a directory of kftray's (its entries are checked too)
     * @param user the name of the user kftray runs as
     * @throws LauncherException naming what is unsafe and how to fix it
     */
    public static void requireSafe(Path dir, String user) {
        if (!Files.isDirectory(dir) || !dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        List<String> problems = new ArrayList<>();
        check(dir, user, problems);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                check(entry, user, problems);
            }
        } catch (IOException e) {
            throw new LauncherException("cannot check " + dir + ": " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new LauncherException("refusing to use " + dir + ", others could run code as you through it: "
                    + String.join("; ", problems));
        }
    }

    private static void check(Path path, String user, List<String> problems) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, PosixFileAttributes.class);
        } catch (IOException goneOrDangling) {
            return;
        }
        String owner = attributes.owner().getName();
        if (!owner.equals(user)) {
            problems.add(path + " is owned by " + owner + " (fix: chown " + user + " '" + path + "', or remove it)");
        }
        Set<PosixFilePermission> writable = EnumSet.copyOf(OTHERS_WRITE);
        writable.retainAll(attributes.permissions());
        if (!writable.isEmpty()) {
            String who = writable.size() == 2 ? "group and others"
                    : writable.contains(PosixFilePermission.GROUP_WRITE) ? "its group" : "others";
            problems.add(path + " is writable by " + who + " (fix: chmod go-w '" + path + "')");
        }
    }
}
