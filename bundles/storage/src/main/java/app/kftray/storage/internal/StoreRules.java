package app.kftray.storage.internal;

import app.kftray.api.InvalidConfigException;
import app.kftray.api.model.FieldError;
import app.kftray.api.model.ForwardConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the store demands of a definition beyond its own validation: credentials never
 * reach the database, so {@code kubeconfig} must be a path, not a pasted kubeconfig.
 */
final class StoreRules {
    private static final Pattern KUBECONFIG_CONTENT = Pattern.compile(
            "(?s).*(\\n|apiVersion:|client-key-data|client-certificate-data|token:|password:).*");
    private static final int MAX_PATH_LENGTH = 4096;

    private StoreRules() {
    }

    /**
     * @param config a definition
     * @return every problem: the definition's own ones and the store's
     */
    static List<FieldError> check(ForwardConfig config) {
        List<FieldError> errors = new ArrayList<>(config.validate());
        String kubeconfig = config.kubeconfig();
        if (kubeconfig != null && (kubeconfig.length() > MAX_PATH_LENGTH
                || KUBECONFIG_CONTENT.matcher(kubeconfig).matches())) {
            errors.add(new FieldError("kubeconfig",
                    "must be the path of a kubeconfig file; kftray never stores kubeconfig content or credentials"));
        }
        return errors;
    }

    /**
     * @param config a definition
     * @throws InvalidConfigException if {@link #check(ForwardConfig)} finds problems
     */
    static void require(ForwardConfig config) {
        List<FieldError> errors = check(config);
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(errors);
        }
    }
}
