package app.kftray.launcher.shell;

import app.kftray.launcher.boot.KftrayRuntime;
import java.io.PrintWriter;
import java.util.Map;

/**
 * The command line as Gogo commands of a running runtime ({@code kftray:list}, {@code kftray:add -n dev
 * ...}, {@code kftray:rm web}): each runs the very same picocli command, with the same options, checks,
 * messages and output, on this runtime's services instead of booting one. Commands that make no sense
 * inside a runtime ({@code restore}, {@code completion}) are left out.
 */
public final class ShellCommands {
    /** Runs one {@code kftray} command line on the running runtime, as a terminal would. */
    @FunctionalInterface
    public interface CommandLineRunner {
        /**
         * @param args the command line, command name first
         * @param out  where answers go
         * @param err  where errors go
         * @return the exit code
         */
        int run(String[] args, PrintWriter out, PrintWriter err);
    }

    /** The Gogo command names; {@code import} is a Java keyword, so its method is {@code _import}. */
    static final String[] FUNCTIONS = {"list", "ls", "status", "start", "stop", "restart", "add", "edit", "rm", "import",
        "export", "logs", "contexts", "discover", "sync", "backup"};

    private final CommandLineRunner commands;

    private ShellCommands(CommandLineRunner commands) {
        this.commands = commands;
    }

    /**
     * Offers the commands to the Gogo runtime, ahead of any bundle's commands of the same names.
     *
     * @param runtime  the running runtime
     * @param commands runs the picocli command line on that runtime's services
     */
    public static void register(KftrayRuntime runtime, CommandLineRunner commands) {
        runtime.registerObject(new ShellCommands(commands), Map.of("osgi.command.scope", "kftray",
                "osgi.command.function", FUNCTIONS, "service.ranking", 100));
    }

    /** @param args as for {@code kftray list} */
    public void list(String... args) {
        run("list", args);
    }

    /** @param args as for {@code kftray ls} */
    public void ls(String... args) {
        run("ls", args);
    }

    /** @param args as for {@code kftray status} */
    public void status(String... args) {
        run("status", args);
    }

    /** @param args as for {@code kftray start} */
    public void start(String... args) {
        run("start", args);
    }

    /** @param args as for {@code kftray stop} */
    public void stop(String... args) {
        run("stop", args);
    }

    /** @param args as for {@code kftray restart} */
    public void restart(String... args) {
        run("restart", args);
    }

    /** @param args as for {@code kftray add} */
    public void add(String... args) {
        run("add", args);
    }

    /** @param args as for {@code kftray edit} */
    public void edit(String... args) {
        run("edit", args);
    }

    /** @param args as for {@code kftray rm} */
    public void rm(String... args) {
        run("rm", args);
    }

    /** @param args as for {@code kftray import} */
    public void _import(String... args) {
        run("import", args);
    }

    /** @param args as for {@code kftray export} */
    public void export(String... args) {
        run("export", args);
    }

    /** @param args as for {@code kftray logs} */
    public void logs(String... args) {
        run("logs", args);
    }

    /** @param args as for {@code kftray contexts} */
    public void contexts(String... args) {
        run("contexts", args);
    }

    /** @param args as for {@code kftray discover} */
    public void discover(String... args) {
        run("discover", args);
    }

    /** @param args as for {@code kftray sync} */
    public void sync(String... args) {
        run("sync", args);
    }

    /** @param args as for {@code kftray backup} */
    public void backup(String... args) {
        run("backup", args);
    }

    /** Gogo points System.out and System.err at the session of the calling thread. */
    private void run(String command, String[] args) {
        String[] line = new String[args.length + 1];
        line[0] = command;
        System.arraycopy(args, 0, line, 1, args.length);
        commands.run(line, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }
}
