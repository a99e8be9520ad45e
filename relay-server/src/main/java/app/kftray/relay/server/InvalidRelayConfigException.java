package app.kftray.relay.server;

import java.util.List;

/**
 * The relay's settings are unusable. Carries every problem found, each naming the
 * environment variable it concerns, so an operator can fix them all in one go.
 */
public class InvalidRelayConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** @param problems one message per unusable setting; at least one */
    public InvalidRelayConfigException(List<String> problems) {
        super("invalid relay configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return one message per unusable setting */
    public List<String> problems() {
        return problems;
    }
}
