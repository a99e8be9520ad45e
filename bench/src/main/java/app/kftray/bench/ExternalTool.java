package app.kftray.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** A command-line tool a benchmark runs (iperf3, curl): whether it is installed. */
final class ExternalTool {
    private ExternalTool() {
    }

    /** @return whether {@code tool --version} runs and succeeds */
    static boolean installed(String tool) {
        try {
            Process probe = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
