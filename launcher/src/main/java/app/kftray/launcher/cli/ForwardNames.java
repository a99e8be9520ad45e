package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.model.ForwardConfig;
import app.kftray.launcher.boot.LauncherException;
import java.util.ArrayList;
import java.util.List;

/** Turns the ids and aliases a user typed into saved forwards, all or none. */
final class ForwardNames {
    private ForwardNames() {
    }

    /**
     * @param configs the store
     * @param names   ids or aliases
     * @return the forwards, in the order named
     * @throws LauncherException naming the first unknown one, before anything is done
     */
    static List<ForwardConfig> resolve(ConfigStore configs, List<String> names) {
        List<ForwardConfig> found = new ArrayList<>();
        for (String name : names) {
            found.add(configs.find(name).orElseThrow(() -> new LauncherException(
                    "no forward with id or alias '" + name + "'; 'kftray list' shows them")));
        }
        return found;
    }
}
