package app.kftray.itests.desktop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A virtual X display (Xvfb) and the kftray launcher running the desktop feature on it, with
 * the UI automation hook (a fragment of the desktop bundle, see {@link AutomationDistribution})
 * on a loopback port it picks and announces in the log.
 */
final class DesktopProcess implements AutoCloseable {
    private static final Pattern HOOK = Pattern.compile("automation listening on /127\\.0\\.0\\.1:(\\d+)");

    private final Process xvfb;
    private final Process kftray;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private DesktopProcess(Process xvfb, Process kftray) {
        this.xvfb = xvfb;
        this.kftray = kftray;
    }

    /** @return whether Xvfb can be started on this machine */
    static boolean xvfbAvailable() {
        try {
            return new ProcessBuilder("sh", "-c", "command -v Xvfb").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * @param distribution a distribution made by {@link AutomationDistribution#create}
     * @param home         the kftray home
     */
    static DesktopProcess start(Path distribution, Path home) throws Exception {
        return start(distribution, home, java.util.Map.of(), "1280x800x24");
    }

    /**
     * @param distribution a distribution made by {@link AutomationDistribution#create}
     * @param home         the kftray home
     * @param environment  more environment variables for kftray (e.g. XDG_CONFIG_HOME)
     * @param screen       the virtual screen, {@code WIDTHxHEIGHTxDEPTH}
     */
    static DesktopProcess start(Path distribution, Path home, java.util.Map<String, String> environment,
                                String screen) throws Exception {
        // -displayfd: Xvfb picks a free display number and prints it when it is ready
        Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", screen, "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader displayLine = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.UTF_8));
        String display = displayLine.readLine();
        if (display == null) {
            xvfb.destroy();
            throw new IllegalStateException("Xvfb did not report a display");
        }
        Path script = distribution.resolve("bin").resolve("kftray");
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "--feature", AutomationDistribution.FEATURE)
                .redirectErrorStream(true);
        builder.environment().put("DISPLAY", ":" + display.trim());
        builder.environment().remove("XDG_CURRENT_DESKTOP");
        builder.environment().put("KFTRAY_HOME", home.toString());
        builder.environment().putAll(environment);
        DesktopProcess process = new DesktopProcess(xvfb, builder.start());
        process.follow();
        return process;
    }

    private void follow() {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(kftray.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(output::add);
            } catch (IOException | java.io.UncheckedIOException ended) {
                // the process ended
            }
        }, "kftray-desktop-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param nth 1 for the first hook started, 2 after one bundle restart, …
     * @return the automation port
     */
    int awaitHookPort(int nth, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            int seen = 0;
            for (String line : output) {
                Matcher m = HOOK.matcher(line);
                if (m.find() && ++seen == nth) {
                    return Integer.parseInt(m.group(1));
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("automation hook #" + nth + " not announced within " + seconds + " s:\n" + log());
    }

    String awaitLine(String fragment, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (String line : output) {
                if (line.contains(fragment)) {
                    return line;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line containing '" + fragment + "' within " + seconds + " s:\n" + log());
    }

    String log() {
        return String.join("\n", output);
    }

    @Override
    public void close() throws Exception {
        new ProcessBuilder("kill", "-TERM", Long.toString(kftray.pid())).start().waitFor();
        if (!kftray.waitFor(10, TimeUnit.SECONDS)) {
            kftray.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        xvfb.destroy();
        if (!xvfb.waitFor(5, TimeUnit.SECONDS)) {
            xvfb.destroyForcibly();
        }
    }
}
