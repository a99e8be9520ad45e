package app.kftray.launcher.boot;

import java.util.List;

/**
 * A named set of bundles the launcher starts.
 *
 * @param name        feature name, e.g. {@code headless}
 * @param description one line for {@code --help} and errors
 * @param includes    features whose bundles come first
 * @param bundles     artifact ids of this feature's own bundles, in start order
 */
record Feature(String name, String description, List<String> includes, List<String> bundles) {
    Feature {
        includes = List.copyOf(includes);
        bundles = List.copyOf(bundles);
    }
}
