package app.kftray.launcher.cli;

import app.kftray.api.StateStore;
import app.kftray.api.model.ForwardState;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/** Polls the shared state store until a forward reaches a state another process puts it in. */
final class StateWaiter {
    private static final long POLL_MILLIS = 50;

    private StateWaiter() {
    }

    /**
     * @param states   the shared store
     * @param configId the forward
     * @param wanted   the state to wait for
     * @param timeout  how long at most
     * @return the state once it matched, empty on timeout
     */
    static Optional<ForwardState> await(StateStore states, long configId, Predicate<ForwardState> wanted,
                                        Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            ForwardState state = states.get(configId).orElse(ForwardState.stopped(configId));
            if (wanted.test(state)) {
                return Optional.of(state);
            }
            Thread.sleep(POLL_MILLIS);
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }
}
