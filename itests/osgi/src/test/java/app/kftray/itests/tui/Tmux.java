package app.kftray.itests.tui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A private tmux server (its own socket name, so parallel runs never meet) with one window
 * running a shell: tests type into it with {@code send-keys} and read it with {@code capture-pane},
 * as a user at a terminal would.
 */
final class Tmux implements AutoCloseable {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final String TARGET = "ui";

    private final String socket;

    private Tmux(String socket) {
        this.socket = socket;
    }

    /** @return whether tmux is installed */
    static boolean available() {
        try {
            return new ProcessBuilder("sh", "-c", "command -v tmux").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * @param columns     window width
     * @param rows        window height
     * @param environment variables for the shell
     * @return a server with one window running {@code sh}
     */
    static Tmux start(int columns, int rows, Map<String, String> environment) throws Exception {
        Tmux tmux = new Tmux("kftray-it-" + ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet());
        List<String> command = new ArrayList<>(List.of("new-session", "-d", "-s", TARGET, "-x",
                Integer.toString(columns), "-y", Integer.toString(rows)));
        environment.forEach((key, value) -> {
            command.add("-e");
            command.add(key + "=" + value);
        });
        command.add("sh");
        tmux.run(command.toArray(String[]::new));
        // the window follows resize-window from now on, not the size of a client
        tmux.run("set-option", "-t", TARGET, "window-size", "manual");
        return tmux;
    }

    /** Types text as it is (no key names). */
    void type(String text) throws Exception {
        run("send-keys", "-t", TARGET, "-l", text);
    }

    /** Presses keys by tmux name: {@code Enter}, {@code Escape}, {@code Tab}, {@code C-c}, {@code f}... */
    void keys(String... keys) throws Exception {
        List<String> command = new ArrayList<>(List.of("send-keys", "-t", TARGET));
        command.addAll(List.of(keys));
        run(command.toArray(String[]::new));
    }

    /** @return the visible screen as text, one line per row (a line the shell wrapped joined again) */
    String screen() throws Exception {
        return run("capture-pane", "-p", "-J", "-t", TARGET);
    }

    /** @return the visible screen with its colour and attribute escape sequences (trailing cells kept) */
    String screenWithEscapes() throws Exception {
        return run("capture-pane", "-p", "-e", "-N", "-t", TARGET);
    }

    /**
     * @param what    what the test waits for, for the failure message
     * @param test    a condition on the screen text
     * @param millis  how long to wait
     * @return the first screen that passed
     */
    String await(String what, Predicate<String> test, long millis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        String screen = screen();
        while (!test.test(screen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("screen did not show " + what + " within " + millis + " ms:\n" + screen);
            }
            Thread.sleep(50);
            screen = screen();
        }
        return screen;
    }

    /** Waits for a text on screen. */
    String await(String text, long millis) throws Exception {
        return await("'" + text + "'", s -> s.contains(text), millis);
    }

    /** Waits for a text on screen; {@code what} names it in the failure message. */
    String await(String what, String text, long millis) throws Exception {
        return await(what + " ('" + text + "')", s -> s.contains(text), millis);
    }

    /** Resizes the window (the program in it gets SIGWINCH). */
    void resize(int columns, int rows) throws Exception {
        run("resize-window", "-t", TARGET, "-x", Integer.toString(columns), "-y", Integer.toString(rows));
    }

    /** @return the process id of the pane's shell */
    long shellPid() throws Exception {
        return Long.parseLong(run("display-message", "-p", "-t", TARGET, "#{pane_pid}").trim());
    }

    private String run(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("tmux " + String.join(" ", arguments) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true).start().waitFor(10,
                TimeUnit.SECONDS);
    }
}
