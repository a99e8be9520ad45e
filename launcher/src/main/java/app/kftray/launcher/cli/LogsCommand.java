package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.HttpLogReader;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.HttpExchangeRecord;
import app.kftray.launcher.boot.LauncherException;
import app.kftray.launcher.boot.OneShotRuntime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kftray logs}: the HTTP exchanges a forward logged, optionally followed live. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Show the HTTP log of a forward (enable it with 'kftray edit ID --http-logs').")
final class LogsCommand extends OneShotCommand {
    @Parameters(paramLabel = "ID|ALIAS", description = "The forward.")
    String name;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new exchanges until Ctrl-C.")
    boolean follow;

    @Option(names = "--tail", paramLabel = "N", defaultValue = "50",
            description = "Show the newest N entries first (default: ${DEFAULT-VALUE}).")
    int tail;

    @Option(names = "--status", paramLabel = "CODE", description = "Only this status (404) or class (5xx).")
    String status;

    @Option(names = "--method", paramLabel = "METHOD", description = "Only this request method.")
    String method;

    @Option(names = "--path", paramLabel = "TEXT", description = "Only paths containing TEXT.")
    String path;

    @Option(names = "--trace", paramLabel = "ID", description = "Only this trace id.")
    String trace;

    @Override
    int execute() throws Exception {
        if (tail < 1) {
            throw new LauncherException("--tail must be at least 1");
        }
        HttpLogReader.Filter filter;
        try {
            filter = new HttpLogReader.Filter(status, method, path, trace, status == null && method == null);
        } catch (IllegalArgumentException e) {
            throw new LauncherException(e.getMessage());
        }
        try (OneShotRuntime runtime = runtime(OneShotRuntime.TOOLS)) {
            ForwardConfig config = ForwardNames.resolve(runtime.service(ConfigStore.class), List.of(name)).get(0);
            HttpLogReader reader = runtime.service(HttpLogReader.class);
            String logName = Long.toString(config.id());
            List<HttpExchangeRecord> newest = reader.tail(logName, filter, tail);
            newest.forEach(this::print);
            out().flush();
            if (newest.isEmpty() && !follow) {
                err().println("kftray: no HTTP log entries for forward '" + config.displayName() + "'"
                        + (config.httpLogsEnabled() ? "" : "; HTTP logging is off for it (turn it on with 'kftray edit "
                        + name + " --http-logs')"));
            }
            if (follow) {
                CountDownLatch interrupted = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(interrupted::countDown, "kftray-logs-stop"));
                try (AutoCloseable following = reader.follow(logName, filter, this::printNow)) {
                    interrupted.await();
                }
            }
        }
        return 0;
    }

    private void printNow(HttpExchangeRecord entry) {
        print(entry);
        out().flush();
    }

    private void print(HttpExchangeRecord entry) {
        if (entry.kind() == HttpExchangeRecord.Kind.NOTICE) {
            out().println(entry.end() + "  notice  " + String.join("; ", entry.notes()) + "  trace=" + entry.traceId());
            return;
        }
        Duration took = entry.duration();
        out().println(entry.requestStart() + "  " + entry.method() + " " + entry.uri() + "  "
                + (entry.status() == 0 ? "no response" : entry.status()) + "  "
                + (took == null ? "-" : took.toMillis() + " ms") + "  trace=" + entry.traceId());
    }
}
