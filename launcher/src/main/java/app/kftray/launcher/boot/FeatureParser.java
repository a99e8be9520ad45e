package app.kftray.launcher.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one feature descriptor: {@code key = value} lines with keys {@code name},
 * {@code description}, {@code include} and {@code bundle}; {@code #} starts a comment.
 */
final class FeatureParser {
    private FeatureParser() {
    }

    static Feature parse(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new LauncherException("cannot read feature file " + file + ": " + e.getMessage(), e);
        }
        String name = null;
        String description = "";
        List<String> includes = new ArrayList<>();
        List<String> bundles = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String value = eq < 0 ? "" : line.substring(eq + 1).strip();
            if (eq < 0 || value.isEmpty()) {
                throw new LauncherException(file + ":" + (i + 1) + ": expected 'key = value', got '" + line + "'");
            }
            switch (line.substring(0, eq).strip()) {
                case "name" -> name = value;
                case "description" -> description = value;
                case "include" -> includes.add(value);
                case "bundle" -> bundles.add(value);
                default -> throw new LauncherException(file + ":" + (i + 1) + ": unknown key in '" + line
                        + "' (expected name, description, include or bundle)");
            }
        }
        if (name == null) {
            throw new LauncherException(file + ": missing 'name = ...' line");
        }
        return new Feature(name, description, includes, bundles);
    }
}
