package app.kftray.httplog.internal;

import app.kftray.api.HttpLogReader;
import app.kftray.api.HttpLogReader.Filter;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo shell command {@code kftray:httplog}: {@code httplog} lists the forwards with logs,
 * {@code httplog <forward> [count] [status]} shows their newest exchanges, one line each.
 */
@Component(service = HttpLogCommand.class,
        property = {"osgi.command.scope=kftray", "osgi.command.function=httplog"})
public final class HttpLogCommand {
    private static final int DEFAULT_COUNT = 20;
    private final HttpLogReader reader;

    /** @param reader where the logs are read */
    @Activate
    public HttpLogCommand(@Reference HttpLogReader reader) {
        this.reader = reader;
    }

    /** @return the forwards that have HTTP logs, and how to see them */
    public String httplog() {
        var forwards = reader.forwards();
        return forwards.isEmpty() ? "No HTTP logs yet. Enable http logs on a forward and send it some requests."
                : "Forwards with HTTP logs: " + String.join(", ", forwards)
                        + "\nUsage: httplog <forward> [count] [status, e.g. 404 or 5xx]";
    }

    /**
     * @param forward config id or alias
     * @return the newest exchanges, one line each
     */
    public String httplog(String forward) {
        return httplog(forward, DEFAULT_COUNT);
    }

    /**
     * @param forward config id or alias
     * @param count   how many of the newest entries
     * @return those entries, one line each
     */
    public String httplog(String forward, int count) {
        return show(forward, count, Filter.all());
    }

    /**
     * @param forward config id or alias
     * @param count   how many of the newest entries
     * @param status  a status code or class such as {@code 5xx}
     * @return the matching entries, one line each
     */
    public String httplog(String forward, int count, String status) {
        return show(forward, count, new Filter(status, null, null, null, false));
    }

    private String show(String forward, int count, Filter filter) {
        var entries = reader.tail(forward, filter, count);
        return entries.isEmpty() ? "No matching HTTP log entries for forward " + forward + "."
                : entries.stream().map(HttpViewFormatter::summary).collect(Collectors.joining("\n"));
    }
}
