package app.kftray.helper.config;

import java.nio.file.Path;
import java.util.List;

/** The configuration file cannot be used; {@link #problems()} lists why. */
public final class InvalidConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    /**
     * @param file     the configuration file
     * @param problems one line per problem
     */
    public InvalidConfigException(Path file, List<String> problems) {
        super("configuration " + file + " is invalid: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return one line per problem */
    public List<String> problems() {
        return problems;
    }
}
