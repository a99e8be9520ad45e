package app.kftray.engine.internal;

import app.kftray.api.ConfigStore;
import app.kftray.api.ForwardManager;
import app.kftray.api.KftrayException;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo shell commands {@code kftray:list|start|stop|restart|status}. Forwards are named by id
 * or alias; each answer is one line per forward.
 */
@Component(service = ForwardCommands.class)
@GogoCommand(scope = "kftray", function = {"list", "start", "stop", "restart", "status"})
public final class ForwardCommands {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ForwardManager manager;
    private final ConfigStore configs;

    /**
     * @param manager runs the forwards
     * @param configs the saved definitions
     */
    @Activate
    public ForwardCommands(@Reference ForwardManager manager, @Reference ConfigStore configs) {
        this.manager = manager;
        this.configs = configs;
    }

    /** @return every saved forward with its state in this process */
    public String list() {
        List<ForwardConfig> all = configs.list();
        return all.isEmpty() ? "No forwards saved yet."
                : all.stream().map(this::line).collect(Collectors.joining("\n"));
    }

    /** @return the forwards this process runs (or that failed here) */
    public String status() {
        List<ForwardState> states = manager.running();
        return states.isEmpty() ? "No forwards are running in this process."
                : states.stream().map(s -> configs.get(s.configId()).map(c -> StatusLine.of(c, s))
                        .orElse(s.configId() + " (deleted) " + s.status()))
                .collect(Collectors.joining("\n"));
    }

    /**
     * @param idOrAlias a forward's id or alias
     * @return its line
     */
    public String status(String idOrAlias) {
        return named(idOrAlias, config -> line(config));
    }

    /**
     * @param idOrAlias a forward's id or alias
     * @return its line once it runs or failed
     */
    public String start(String idOrAlias) {
        return act(idOrAlias, manager::start);
    }

    /**
     * @param idOrAlias a forward's id or alias
     * @return its line once stopped
     */
    public String stop(String idOrAlias) {
        return act(idOrAlias, manager::stop);
    }

    /**
     * @param idOrAlias a forward's id or alias
     * @return its line once running again or failed
     */
    public String restart(String idOrAlias) {
        return act(idOrAlias, manager::restart);
    }

    private String act(String idOrAlias, LongFunction<CompletionStage<ForwardState>> action) {
        return named(idOrAlias, config -> {
            try {
                return StatusLine.of(config, action.apply(config.id()).toCompletableFuture()
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS));
            } catch (TimeoutException e) {
                return "forward '" + config.displayName() + "' did not settle within " + WAIT.toSeconds()
                        + " s; check 'kftray:status " + idOrAlias + "'";
            } catch (ExecutionException e) {
                return "forward '" + config.displayName() + "': " + e.getCause().getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KftrayException("interrupted", e);
            }
        });
    }

    private String named(String idOrAlias, java.util.function.Function<ForwardConfig, String> answer) {
        return configs.find(idOrAlias).map(answer)
                .orElse("No forward with id or alias '" + idOrAlias + "'. Use 'kftray:list' to see them.");
    }

    private String line(ForwardConfig config) {
        return StatusLine.of(config, manager.status(config.id()));
    }
}
