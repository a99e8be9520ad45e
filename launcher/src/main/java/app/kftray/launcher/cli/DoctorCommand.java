package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.HostsHelper;
import app.kftray.api.KftrayHome;
import app.kftray.api.KubeAccess;
import app.kftray.api.RelayManager;
import app.kftray.api.StateStore;
import app.kftray.launcher.boot.OneShotRuntime;
import app.kftray.launcher.doctor.Doctor;
import app.kftray.launcher.doctor.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kftray doctor}: checks what kftray needs and explains each finding on one line. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check what kftray needs, one line each: the Java runtime, the kftray home's permissions, "
                + "the kubeconfig and each context's API server, credentials and permissions (port-forward, "
                + "relay pods), the privileged helper, the relay image and the local ports of auto-start forwards.",
            "Exit code 0 when nothing is broken (warnings allowed), 1 otherwise."})
final class DoctorCommand extends OneShotCommand {
    /** The feature the checks need: cluster access, the stores, the helper client and the relay deployer. */
    static final String FEATURE = "doctor";

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig file (default: KUBECONFIG or ~/.kube/config).")
    String kubeconfig;

    @Override
    int execute() {
        List<Finding> findings = new ArrayList<>(Doctor.local(KftrayHome.current()));
        List<Finding> files = Doctor.kubeconfigFiles(kubeconfig, System.getenv("KUBECONFIG"), userHome());
        findings.addAll(files);
        boolean readable = files.stream().noneMatch(f -> f.level() == Finding.Level.FAIL);
        try (OneShotRuntime runtime = runtime(FEATURE)) {
            Doctor.Services services = new Doctor.Services(runtime.service(ConfigStore.class),
                    runtime.service(StateStore.class), runtime.service(KubeAccess.class),
                    runtime.service(HostsHelper.class), runtime.service(RelayManager.class));
            findings.addAll(Doctor.withServices(kubeconfig, kubeconfig == null && readable, services));
        }
        findings.forEach(out()::println);
        long failed = findings.stream().filter(f -> f.level() == Finding.Level.FAIL).count();
        out().println(failed == 0 ? "kftray doctor: no problems found"
                : "kftray doctor: " + failed + " problem(s) found");
        out().flush();
        return failed == 0 ? 0 : ExitCodes.RUNTIME;
    }

    /** kubectl's home: {@code HOME}, else the JVM's idea of it. */
    private static Path userHome() {
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
    }
}
