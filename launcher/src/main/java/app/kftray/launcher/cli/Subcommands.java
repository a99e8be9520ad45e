package app.kftray.launcher.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The subcommands of {@code kftray}. Building picocli's model of a command costs reflection over
 * its options, so a command line that names one subcommand gets only that one, and one that starts the
 * runtime (options only, no help) gets none: that model would only delay its forwards. Help, completion
 * and anything unrecognised get them all, so that listings, suggestions and errors stay complete.
 */
public final class Subcommands {
    private static final List<Class<? extends OneShotCommand>> ALL = List.of(ListCommand.class,
            StatusCommand.class, StartCommand.class, StopCommand.class, RestartCommand.class, AddCommand.class,
            EditCommand.class, RemoveCommand.class, ImportCommand.class, ExportCommand.class, LogsCommand.class,
            ContextsCommand.class, DiscoverCommand.class, SyncCommand.class, BackupCommand.class,
            RestoreCommand.class, HelperCommand.class, DoctorCommand.class, CompletionCommand.class, TuiCommand.class,
            SettingsCommand.class);

    private Subcommands() {
    }

    /**
     * @param root the {@code kftray} command line, without subcommands yet
     * @param args the arguments it is about to parse
     */
    public static void addTo(CommandLine root, String[] args) {
        Class<? extends OneShotCommand> named = named(root, args);
        if (named == null && startsTheRuntime(root, args)) {
            return;
        }
        for (Class<? extends OneShotCommand> command : named == null ? ALL : List.of(named)) {
            root.addSubcommand(newInstance(command));
        }
    }

    /** @return the subcommand the arguments name, or {@code null} if they name none (or completion) */
    private static Class<? extends OneShotCommand> named(CommandLine root, String[] args) {
        String word = firstPositional(root, args);
        for (Class<? extends OneShotCommand> command : ALL) {
            Command annotation = command.getAnnotation(Command.class);
            List<String> names = new ArrayList<>(List.of(annotation.aliases()));
            names.add(annotation.name());
            if (names.contains(word)) {
                return command == CompletionCommand.class ? null : command;
            }
        }
        return null;
    }

    /** @return whether the arguments are options of the runtime only: no word, and no help or version asked */
    private static boolean startsTheRuntime(CommandLine root, String[] args) {
        if (firstPositional(root, args) != null) {
            return false;
        }
        for (String arg : args) {
            OptionSpec option = root.getCommandSpec().findOption(arg);
            if (option != null && (option.usageHelp() || option.versionHelp()) || arg.startsWith("-") && option == null) {
                return false;
            }
        }
        return true;
    }

    private static String firstPositional(CommandLine root, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                return arg;
            }
            OptionSpec option = root.getCommandSpec().findOption(arg);
            if (option != null && option.arity().min() > 0) {
                i++; // its value
            }
        }
        return null;
    }

    private static Object newInstance(Class<? extends OneShotCommand> command) {
        try {
            var constructor = command.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + command.getSimpleName(), e);
        }
    }
}
