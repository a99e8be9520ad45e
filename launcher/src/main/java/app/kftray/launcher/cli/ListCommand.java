package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.StateStore;
import app.kftray.launcher.boot.OneShotRuntime;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kftray list}: the saved forwards with their status. */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
        description = "List saved forwards and their status; --context and --namespace filter.")
final class ListCommand extends OneShotCommand {
    @Mixin
    ClusterOptions cluster;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE}).")
    ForwardViews.Output output;

    @Override
    int execute() {
        try (OneShotRuntime runtime = stores()) {
            ConfigStore configs = runtime.service(ConfigStore.class);
            List<ForwardView> views = ForwardViews.of(configs.list().stream().filter(cluster::matches).toList(),
                    runtime.service(StateStore.class));
            if (output == ForwardViews.Output.json) {
                ForwardViews.printJson(out(), views, ForwardView::summary);
            } else if (views.isEmpty()) {
                out().println("No forwards saved. Add one with 'kftray add' or 'kftray import FILE'.");
            } else {
                Table table = new Table("ID", "ALIAS", "CONTEXT", "NAMESPACE", "WORKLOAD", "PORTS", "PROTOCOL",
                        "AUTO", "STATUS");
                for (ForwardView v : views) {
                    table.row(v.config().id(), v.config().displayName(), v.config().context(),
                            v.config().namespace(), v.workload(), v.ports(),
                            v.config().protocol(), v.config().autoStart() ? "yes" : "no", v.statusText());
                }
                table.print(out());
            }
            ListenerExposure.warn(err(), views.stream().map(ForwardView::config).toList());
        }
        return 0;
    }
}
