package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.StateStore;
import app.kftray.api.model.Owner;
import java.util.Optional;

/**
 * Which process is the long-running kftray runtime of a database (headless, or a foreground
 * {@code start}): recorded as a setting, so one-shot commands can address their control
 * requests to it. A recorded process that stopped heartbeating does not count.
 */
final class RuntimeRegistry {
    static final String SETTING = "runtime.owner";

    private final ConfigStore configs;
    private final StateStore states;

    RuntimeRegistry(ConfigStore configs, StateStore states) {
        this.configs = configs;
        this.states = states;
    }

    /** @return the live runtime process, if there is one */
    Optional<Owner> live() {
        return configs.setting(SETTING).flatMap(RuntimeRegistry::parse).filter(states::isLive);
    }

    /**
     * Records this process as the runtime unless another live one is recorded.
     *
     * @return the other live runtime, empty when this process was recorded
     */
    Optional<Owner> register() {
        Optional<Owner> other = live().filter(owner -> !owner.equals(states.self()));
        if (other.isEmpty()) {
            configs.putSetting(SETTING, states.self().toString());
        }
        return other;
    }

    /** @return whether this process is the recorded runtime */
    boolean holds() {
        return configs.setting(SETTING).flatMap(RuntimeRegistry::parse).filter(states.self()::equals).isPresent();
    }

    /** Removes this process's record, leaving another process's alone. */
    void unregister() {
        if (holds()) {
            configs.putSetting(SETTING, "");
        }
    }

    /** @return an {@link Owner} from its {@code pid@host} form */
    static Optional<Owner> parse(String text) {
        int at = text.indexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Owner(Long.parseLong(text.substring(0, at)), text.substring(at + 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
