package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.ForwardManager;
import app.kftray.api.StateStore;
import app.kftray.api.StateStore.ControlRequest;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.Owner;
import app.kftray.launcher.boot.LauncherException;
import app.kftray.launcher.boot.OneShotRuntime;
import app.kftray.launcher.boot.RuntimeFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kftray start}: asks the running kftray process to start forwards, or, when none runs,
 * runs them in the foreground until Ctrl-C.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start forwards. With a kftray runtime running (--headless, or another 'start'), it starts "
                + "them; otherwise they run in this process until Ctrl-C.")
final class StartCommand extends OneShotCommand {
    @Parameters(paramLabel = "ID|ALIAS", arity = "1..*", description = "Forwards to start.")
    List<String> names;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for each forward to run (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    int execute() throws Exception {
        if (timeoutSeconds < 1) {
            throw new LauncherException("--timeout must be at least 1 second");
        }
        List<ForwardConfig> configs;
        Optional<Owner> owner;
        try (OneShotRuntime store = runtime(OneShotRuntime.STORE)) {
            ConfigStore configStore = store.service(ConfigStore.class);
            StateStore states = store.service(StateStore.class);
            configs = ForwardNames.resolve(configStore, names);
            owner = new RuntimeRegistry(configStore, states).live();
            if (owner.isPresent()) {
                return startIn(owner.get(), configs, states);
            }
            if (store.hosted()) {
                throw new RuntimeFailure("this kftray runtime does not take start requests (see its log); "
                        + "start the forwards from a terminal instead");
            }
        }
        return runInForeground(configs);
    }

    private int startIn(Owner owner, List<ForwardConfig> configs, StateStore states) throws InterruptedException {
        Instant submitted = Instant.now().minusMillis(5);
        for (ForwardConfig config : configs) {
            states.submit(new ControlRequest(config.id(), ControlRequest.Action.START, owner));
        }
        int failures = 0;
        for (ForwardConfig config : configs) {
            Optional<ForwardState> settled = StateWaiter.await(states, config.id(),
                    s -> s.status() == ForwardStatus.RUNNING
                            || s.status() == ForwardStatus.FAILED && !s.since().isBefore(submitted),
                    Duration.ofSeconds(timeoutSeconds));
            String where = " (in kftray process " + owner + ")";
            if (settled.isPresent()) {
                failures += report(config, settled.get(), where) ? 0 : 1;
            } else {
                err().println("kftray: " + ProgressLine.failed(config, notRunningYet(states.get(config.id()))) + where);
                err().flush();
                failures++;
            }
        }
        return failures == 0 ? 0 : ExitCodes.RUNTIME;
    }

    private int runInForeground(List<ForwardConfig> configs) throws Exception {
        OneShotRuntime runtime = OneShotRuntime.boot(OneShotRuntime.FORWARDING);
        ForwardManager manager = runtime.service(ForwardManager.class);
        runtime.service(StateStore.class);
        AtomicReference<RuntimeRole> role = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            RuntimeRole taken = role.getAndSet(null);
            if (taken != null) {
                taken.close();
            }
            runtime.close();
        }, "kftray-shutdown"));
        List<CompletableFuture<ForwardState>> started = configs.stream()
                .map(c -> manager.start(c.id()).toCompletableFuture()).toList();
        int running = 0;
        for (int i = 0; i < configs.size(); i++) {
            ForwardState state = null;
            try {
                state = started.get(i).get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                err().println("kftray: " + ProgressLine.failed(configs.get(i), e.getCause() == null
                        ? "not running after " + timeoutSeconds + " s" : e.getCause().getMessage()));
                continue;
            }
            running += report(configs.get(i), state, "") ? 1 : 0;
        }
        if (running == 0) {
            return ExitCodes.RUNTIME; // the shutdown hook stops the runtime
        }
        // taken once the forwards were reported above, so that its own report of them does not repeat it
        role.set(RuntimeRole.take(runtime.runtime(), false));
        out().println("Forwarding " + running + " of " + configs.size() + "; press Ctrl-C to stop.");
        out().flush();
        runtime.runtime().awaitStop();
        return 0;
    }

    /** @return whether the forward runs */
    private boolean report(ForwardConfig config, ForwardState state, String where) {
        if (state != null && state.status() == ForwardStatus.RUNNING) {
            out().println(ProgressLine.running(config, state) + where);
            out().flush();
            return true;
        }
        err().println("kftray: " + ProgressLine.failed(config, state.lastError()));
        err().flush();
        return false;
    }

    /**
     * @param now the forward's state when the wait ended
     * @return why it is not running, with what its owner is still trying (such as a pod to appear)
     */
    private String notRunningYet(Optional<ForwardState> now) {
        return "not running after " + timeoutSeconds + " s" + now
                .filter(state -> state.status().isActive() && state.lastError() != null)
                .map(state -> "; " + state.status() + ": " + state.lastError()).orElse("");
    }
}
