package app.kftray.launcher.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads {@code *.feature} descriptors from a directory and expands a feature, with its
 * includes, into the ordered list of bundles to start.
 */
public final class FeatureCatalog {
    private static final String SUFFIX = ".feature";
    private final Map<String, Feature> features;

    private FeatureCatalog(Map<String, Feature> features) {
        this.features = features;
    }

    /**
     * @param directory directory holding {@code *.feature} files
     * @return the features found there
     * @throws LauncherException if the directory or a descriptor cannot be read
     */
    public static FeatureCatalog load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new LauncherException("feature directory " + directory + " does not exist");
        }
        Map<String, Feature> byName = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(SUFFIX)).sorted()::iterator) {
                Feature feature = FeatureParser.parse(file);
                byName.put(feature.name(), feature);
            }
        } catch (IOException e) {
            throw new LauncherException("cannot read feature directory " + directory + ": " + e.getMessage(), e);
        }
        return new FeatureCatalog(byName);
    }

    /** @return names of all features, sorted */
    public Set<String> names() {
        return features.keySet();
    }

    /**
     * @param name feature to start
     * @return artifact ids of its bundles and those of its includes, each once, includes first
     */
    public List<String> bundlesOf(String name) {
        Set<String> bundles = new LinkedHashSet<>();
        collect(name, new ArrayList<>(), bundles);
        return List.copyOf(bundles);
    }

    private void collect(String name, List<String> path, Set<String> bundles) {
        Feature feature = features.get(name);
        if (feature == null) {
            String where = path.isEmpty() ? "" : " (included by " + path.get(path.size() - 1) + ")";
            throw new LauncherException("unknown feature '" + name + "'" + where + "; available: "
                    + String.join(", ", features.keySet()));
        }
        if (path.contains(name)) {
            throw new LauncherException("feature '" + name + "' includes itself: " + String.join(" -> ", path)
                    + " -> " + name);
        }
        path.add(name);
        for (String include : feature.includes()) {
            collect(include, path, bundles);
        }
        path.remove(path.size() - 1);
        bundles.addAll(feature.bundles());
    }
}
