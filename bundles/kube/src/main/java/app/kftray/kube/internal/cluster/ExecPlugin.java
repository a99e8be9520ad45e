package app.kftray.kube.internal.cluster;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import io.fabric8.kubernetes.api.model.ExecConfig;
import io.fabric8.kubernetes.api.model.ExecEnvVar;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A kubeconfig user's credential {@code exec} plugin, run as kubectl runs it: the command (a relative
 * path is taken from the kubeconfig's folder) with its arguments and environment, and
 * {@code KUBERNETES_EXEC_INFO}. Unlike the Kubernetes client, it keeps the ExecCredential's
 * {@code expirationTimestamp}, so a token is renewed before it expires rather than after a 401.
 */
final class ExecPlugin {
    /** A plugin that has not answered by then is stuck (e.g. waiting for a browser sign-in nobody sees). */
    private static final long TIMEOUT_SECONDS = 60;

    private final ExecConfig exec;
    private final File folder;

    /**
     * A token the plugin printed.
     *
     * @param token     the bearer token
     * @param expiresAt when it expires, {@code null} when the plugin did not say
     */
    record ExecToken(String token, Instant expiresAt) {
        /**
         * @param now    the time now
         * @param margin how long before its expiry a token counts as expired (a dial takes time)
         * @return whether a new one is needed
         */
        boolean expiresWithin(Instant now, java.time.Duration margin) {
            return expiresAt != null && !now.plus(margin).isBefore(expiresAt);
        }
    }

    private ExecPlugin(ExecConfig exec, File folder) {
        this.exec = exec;
        this.folder = folder;
    }

    /**
     * @param config a configuration read from a kubeconfig
     * @return the current user's exec plugin, or {@code null} when it has none
     */
    static ExecPlugin of(Config config) {
        File file = config.getFileWithAuthInfo();
        if (file == null || config.getCurrentContext() == null || config.getCurrentContext().getContext() == null) {
            return null;
        }
        String user = config.getCurrentContext().getContext().getUser();
        return KubeConfigUtils.parseConfig(file).getUsers().stream()
                .filter(named -> named.getName().equals(user) && named.getUser() != null)
                .map(NamedAuthInfo::getUser)
                .filter(auth -> auth.getExec() != null && auth.getExec().getCommand() != null)
                .map(auth -> new ExecPlugin(auth.getExec(), file.getAbsoluteFile().getParentFile()))
                .findFirst().orElse(null);
    }

    /** @return the plugin's command, for messages */
    String command() {
        return exec.getCommand();
    }

    /**
     * Runs the plugin; blocks (call it away from event loops).
     *
     * @return the token it printed
     * @throws KubeException naming the plugin and why, when it fails, hangs or prints no token
     */
    ExecToken run() {
        List<String> command = new ArrayList<>();
        command.add(resolve(exec.getCommand()));
        if (exec.getArgs() != null) {
            command.addAll(exec.getArgs());
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder);
        Map<String, String> env = builder.environment();
        if (exec.getEnv() != null) {
            for (ExecEnvVar variable : exec.getEnv()) {
                env.put(variable.getName(), variable.getValue());
            }
        }
        env.put("KUBERNETES_EXEC_INFO", "{\"apiVersion\":\"" + exec.getApiVersion()
                + "\",\"kind\":\"ExecCredential\",\"spec\":{\"interactive\":false}}");
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            Process process = builder.start();
            CompletableFuture<String> errors = drain(process.getErrorStream());
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw failed("did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw failed("exited with status " + process.exitValue() + firstLine(errors.completeOnTimeout("", 1, TimeUnit.SECONDS).join()));
            }
            return parse(output);
        } catch (IOException e) {
            throw failed("could not be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("was interrupted");
        }
    }

    private ExecToken parse(String output) {
        Map<String, Object> credential;
        try {
            credential = ClusterClients.serialization().unmarshal(output, Map.class);
        } catch (RuntimeException e) {
            credential = null;
        }
        Object status = credential == null ? null : credential.get("status");
        Object token = status instanceof Map<?, ?> fields ? fields.get("token") : null;
        if (!(token instanceof String text) || text.isBlank()) {
            throw failed("printed no ExecCredential with a token" + firstLine(output));
        }
        Object expiry = ((Map<?, ?>) status).get("expirationTimestamp");
        try {
            return new ExecToken(text.trim(), expiry instanceof String at ? Instant.parse(at) : null);
        } catch (DateTimeParseException e) {
            throw failed("printed an expirationTimestamp that is no RFC 3339 time: " + expiry);
        }
    }

    private String resolve(String command) {
        // kubectl: a relative path with a slash is relative to the kubeconfig; a bare name is looked up in PATH
        return command.contains("/") && !new File(command).isAbsolute() ? new File(folder, command).getPath() : command;
    }

    private KubeException failed(String why) {
        return new KubeException(Reason.REFUSED, "the credential exec plugin " + exec.getCommand() + " " + why, null);
    }

    private static String firstLine(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            return "";
        }
        int end = trimmed.indexOf('\n');
        String line = end < 0 ? trimmed : trimmed.substring(0, end);
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "..." : line);
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
