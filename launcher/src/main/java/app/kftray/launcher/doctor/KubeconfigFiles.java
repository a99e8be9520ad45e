package app.kftray.launcher.doctor;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The kubeconfig files kftray reads, found as kubectl finds them: {@code --kubeconfig}, else
 * every file of {@code KUBECONFIG}, else {@code ~/.kube/config}.
 */
final class KubeconfigFiles {
    private KubeconfigFiles() {
    }

    /**
     * @param explicit   the {@code --kubeconfig} file, or {@code null}
     * @param kubeconfig the {@code KUBECONFIG} variable, or {@code null}
     * @param userHome   the user's home directory
     * @return the files kubectl would read, in order (some may not exist)
     */
    static List<Path> of(String explicit, String kubeconfig, Path userHome) {
        if (explicit != null) {
            return List.of(Path.of(explicit));
        }
        List<Path> files = new ArrayList<>();
        if (kubeconfig != null) {
            for (String entry : kubeconfig.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    files.add(Path.of(entry));
                }
            }
        }
        if (files.isEmpty()) {
            files.add(userHome.resolve(".kube").resolve("config"));
        }
        return files;
    }

    /**
     * @param files the files to read
     * @return a finding for each file that is missing or unreadable, and one that says so when none can be read
     */
    static List<Finding> check(List<Path> files) {
        List<Finding> findings = new ArrayList<>();
        boolean anyReadable = false;
        for (Path file : files) {
            if (!Files.exists(file)) {
                findings.add(Finding.warn("kubeconfig", file + " does not exist"));
            } else if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                findings.add(Finding.fail("kubeconfig", file + " is not a readable file"));
            } else {
                anyReadable = true;
            }
        }
        if (!anyReadable) {
            findings.add(Finding.fail("kubeconfig", "no kubeconfig to read: set KUBECONFIG, create ~/.kube/config "
                    + "(e.g. with your cloud's 'get-credentials' command) or pass --kubeconfig FILE"));
        }
        return findings;
    }
}
