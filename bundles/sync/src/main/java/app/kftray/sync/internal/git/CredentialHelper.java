package app.kftray.sync.internal.git;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * Credentials from git's credential helpers, as {@code git fetch} gets them: {@code git credential
 * fill} with the URL's protocol, host and path, answering with what the configured helper knows.
 * Never prompts (no terminal: {@code GIT_TERMINAL_PROMPT=0}) and answers no to "trust anyway".
 */
final class CredentialHelper extends CredentialsProvider {
    private static final long TIMEOUT_SECONDS = 30;

    private final Map<String, String> environment;

    CredentialHelper() {
        this(Map.of());
    }

    /** @param environment further variables for git (tests point GIT_CONFIG_GLOBAL at their own helper) */
    CredentialHelper(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public boolean supports(CredentialItem... items) {
        for (CredentialItem item : items) {
            if (!(item instanceof CredentialItem.Username) && !(item instanceof CredentialItem.Password)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
        Map<String, String> answer = fill(uri);
        if (!answer.containsKey("password")) {
            return false;
        }
        for (CredentialItem item : items) {
            if (item instanceof CredentialItem.Username username) {
                username.setValue(answer.get("username"));
            } else if (item instanceof CredentialItem.Password password) {
                password.setValue(answer.get("password").toCharArray());
            } else {
                throw new UnsupportedCredentialItem(uri, item.getClass().getSimpleName() + ":" + item.getPromptText());
            }
        }
        return true;
    }

    private Map<String, String> fill(URIish uri) {
        StringBuilder request = new StringBuilder();
        request.append("protocol=").append(uri.getScheme()).append('\n');
        request.append("host=").append(uri.getHost()).append(uri.getPort() > 0 ? ":" + uri.getPort() : "").append('\n');
        if (uri.getPath() != null) {
            request.append("path=").append(uri.getPath().replaceFirst("^/", "")).append('\n');
        }
        if (uri.getUser() != null) {
            request.append("username=").append(uri.getUser()).append('\n');
        }
        request.append('\n');
        Map<String, String> answer = new HashMap<>();
        try {
            ProcessBuilder builder = new ProcessBuilder("git", "credential", "fill").redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("GIT_TERMINAL_PROMPT", "0");
            builder.environment().putAll(environment);
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(request.toString().getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return answer;
            }
            if (process.exitValue() != 0) {
                return answer;
            }
            for (String line : out.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    answer.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            return answer; // no git: no helper answers
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return answer;
    }
}
