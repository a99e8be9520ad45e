package app.kftray.api;

import app.kftray.api.model.ForwardState;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs forwards in this process: start, stop, recovery when pods restart or the API
 * server drops, and the state written to the {@link StateStore}.
 */
@ProviderType
public interface ForwardManager {

    /**
     * Starts a saved forward.
     *
     * @param configId the definition
     * @return completes with the state once RUNNING, or FAILED with the error
     */
    CompletionStage<ForwardState> start(long configId);

    /**
     * @param configId the definition
     * @return completes once the forward released its socket (STOPPED)
     */
    CompletionStage<ForwardState> stop(long configId);

    /**
     * @param configId the definition
     * @return completes like {@link #start(long)}
     */
    CompletionStage<ForwardState> restart(long configId);

    /** @return completes when every saved forward was started or failed */
    CompletionStage<List<ForwardState>> startAll();

    /** @return completes when every forward of this process is stopped */
    CompletionStage<List<ForwardState>> stopAll();

    /**
     * @param configId the definition
     * @return its state as this process knows it (STOPPED if not running here)
     */
    ForwardState status(long configId);

    /** @return the states of the forwards this process runs */
    List<ForwardState> running();

    /** @return the protocol names a handler is installed for right now */
    Set<String> protocols();
}
