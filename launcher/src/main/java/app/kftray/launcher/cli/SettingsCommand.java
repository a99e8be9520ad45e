package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.SettingRules;
import app.kftray.launcher.boot.LauncherException;
import app.kftray.launcher.boot.OneShotRuntime;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code kftray settings}: reads and changes the application settings (the database's settings
 * table), checked by the same rules as the desktop's settings dialog; a bad key or value saves nothing.
 */
@Command(name = "settings", mixinStandardHelpOptions = true,
        description = {"Show or change the application settings.",
                "  list             every setting, its value and whether it is the default",
                "  get KEY          one setting's value",
                "  set KEY VALUE    change a setting (sizes in bytes, or with a MiB suffix)",
                "  unset KEY        back to the default"})
final class SettingsCommand extends OneShotCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ACTION", defaultValue = "list",
            description = "list (default), get, set or unset.")
    String action;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "ARG", description = "KEY, or KEY VALUE for set.")
    List<String> args = List.of();

    @Override
    int execute() {
        int wanted = switch (action) {
            case "list" -> 0;
            case "get", "unset" -> 1;
            case "set" -> 2;
            default -> throw new LauncherException("unknown action '" + action + "'; use list, get, set or unset");
        };
        if (args.size() != wanted) {
            throw new LauncherException("'kftray settings " + action + "' takes " + switch (wanted) {
                case 0 -> "no arguments";
                case 1 -> "a KEY";
                default -> "a KEY and a VALUE";
            } + ", not " + args.size());
        }
        Map<String, String> defaults = SettingRules.defaults();
        String key = wanted > 0 ? args.get(0) : null;
        if (key != null && !defaults.containsKey(key)) {
            throw new LauncherException(SettingRules.check(key, "").error().toString());
        }
        String value = null;
        if (action.equals("set")) {
            SettingRules.Checked checked = SettingRules.check(key, args.get(1));
            if (checked.error() != null) {
                throw new LauncherException(checked.error().toString() + "; nothing was saved");
            }
            value = checked.value();
        }
        try (OneShotRuntime runtime = stores()) {
            ConfigStore configs = runtime.service(ConfigStore.class);
            switch (action) {
                case "list" -> defaults.forEach((name, fallback) -> out().println(line(name,
                        configs.setting(name).orElse(null), fallback)));
                case "get" -> out().println(configs.setting(key).orElse(defaults.get(key)));
                case "set" -> {
                    configs.putSetting(key, value);
                    out().println(key + " = " + value);
                }
                default -> {
                    configs.putSetting(key, null);
                    out().println(key + " = " + defaults.get(key) + " (default)");
                }
            }
        }
        return 0;
    }

    private static String line(String key, String stored, String fallback) {
        return stored == null ? key + " = " + fallback + " (default)" : key + " = " + stored;
    }
}
