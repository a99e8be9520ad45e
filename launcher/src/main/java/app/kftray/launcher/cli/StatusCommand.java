package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.StateStore;
import app.kftray.api.model.ByteCount;
import app.kftray.api.model.ForwardCounters;
import app.kftray.launcher.boot.OneShotRuntime;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kftray status}: the live state of forwards in any kftray process, with traffic counters. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the runtime state and traffic counters of forwards, in whichever process runs them.")
final class StatusCommand extends OneShotCommand {
    @Parameters(paramLabel = "ID|ALIAS", arity = "0..*", description = "Forwards to show (default: all).")
    List<String> names = List.of();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE}).")
    ForwardViews.Output output;

    @Option(names = {"-w", "--watch"}, description = "Print again every second until Ctrl-C.")
    boolean watch;

    @Override
    int execute() throws InterruptedException {
        try (OneShotRuntime runtime = stores()) {
            ConfigStore configs = runtime.service(ConfigStore.class);
            StateStore states = runtime.service(StateStore.class);
            do {
                List<ForwardView> views = ForwardViews.named(configs, states, names);
                print(views);
                ListenerExposure.warn(err(), views.stream().map(ForwardView::config).toList());
                if (watch) {
                    Thread.sleep(1000);
                    out().println();
                }
            } while (watch);
        }
        return 0;
    }

    private void print(List<ForwardView> views) {
        if (output == ForwardViews.Output.json) {
            ForwardViews.printJson(out(), views, ForwardView::detail);
            return;
        }
        Table table = new Table("ID", "ALIAS", "STATUS", "LOCAL", "POD", "OWNER", "CONNS", "IN", "OUT", "RECONNECTS",
                "ERROR");
        for (ForwardView v : views) {
            ForwardCounters c = v.state().counters();
            table.row(v.config().id(), v.config().displayName(), v.state().status(), v.local(),
                    v.state().pod() == null ? null : v.state().pod() + ":" + v.config().remotePort(), v.state().owner(),
                    v.connections(), ByteCount.human(c.bytesIn()), ByteCount.human(c.bytesOut()), c.reconnects(),
                    v.state().lastError());
        }
        table.print(out());
    }
}
