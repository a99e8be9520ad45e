package app.kftray.launcher.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code kftray completion}: a bash/zsh completion script generated from the command model. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a bash/zsh completion script. Use: source <(kftray completion)")
final class CompletionCommand extends OneShotCommand {
    @Override
    int execute() {
        out().print(AutoComplete.bash("kftray", spec.root().commandLine()));
        out().flush();
        return 0;
    }
}
