package app.kftray.launcher.doctor;

import app.kftray.api.KftrayHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checks of this machine alone: the Java runtime and the kftray home's permissions. */
public final class LocalChecks {
    /** The oldest Java kftray runs on. */
    static final int JAVA_FEATURE = 17;
    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private LocalChecks() {
    }

    /** @return the Java runtime's version and where it is */
    public static Finding java() {
        Runtime.Version version = Runtime.version();
        String text = "Java " + version + " (" + System.getProperty("java.vendor", "unknown vendor") + ") at "
                + System.getProperty("java.home");
        return version.feature() >= JAVA_FEATURE ? Finding.ok("java", text)
                : Finding.fail("java", text + ": kftray needs Java " + JAVA_FEATURE + " or later");
    }

    /**
     * @param home the kftray home
     * @return whether it and the database are the user's alone
     */
    public static List<Finding> home(KftrayHome home) {
        List<Finding> findings = new ArrayList<>();
        Path dir = home.directory();
        if (!Files.isDirectory(dir)) {
            findings.add(Finding.warn("home", dir + " does not exist yet; kftray creates it (owner-only) on first use"));
            return findings;
        }
        findings.add(ownerOnly(dir, "chmod 700 " + dir));
        if (Files.exists(home.database())) {
            findings.add(ownerOnly(home.database(), "chmod 600 " + home.database()));
        }
        return findings;
    }

    private static Finding ownerOnly(Path path, String fix) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            String shown = PosixFilePermissions.toString(permissions);
            if (permissions.stream().anyMatch(OTHERS::contains)) {
                return Finding.fail("home", path + " is readable by others (" + shown + "); it holds your forwards: "
                        + fix);
            }
            if (!Files.isWritable(path)) {
                return Finding.fail("home", path + " is not writable by you (" + shown + ")");
            }
            return Finding.ok("home", path + " is yours alone (" + shown + ")");
        } catch (UnsupportedOperationException | IOException e) {
            return Finding.warn("home", "cannot read the permissions of " + path + ": " + e.getMessage());
        }
    }
}
