package app.kftray.testing.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A bare repository made and changed with the real {@code git}: commits are made in a work tree
 * beside it and pushed, as a user would. Served by {@link GitDaemon} and {@link GitHttpsServer}.
 */
public final class GitRepository {
    private static final Map<String, String> IDENTITY = Map.of("GIT_AUTHOR_NAME", "Test", "GIT_AUTHOR_EMAIL",
            "test@example.invalid", "GIT_COMMITTER_NAME", "Test", "GIT_COMMITTER_EMAIL", "test@example.invalid",
            "GIT_CONFIG_NOSYSTEM", "1", "GIT_CONFIG_GLOBAL", "/dev/null");

    private final Path bare;
    private final Path work;

    private GitRepository(Path bare, Path work) {
        this.bare = bare;
        this.work = work;
    }

    /**
     * @param root  the directory served (repositories are its children)
     * @param name  the repository's directory name, e.g. {@code configs.git}
     * @param branch the initial branch
     * @return the empty repository
     */
    public static GitRepository create(Path root, String name, String branch) throws IOException {
        Path bare = root.resolve(name);
        Files.createDirectories(bare);
        Commands.run(root, IDENTITY, null, "git", "init", "--quiet", "--bare", "--initial-branch=" + branch, bare.toString());
        // git http-backend and git daemon serve it without further setup
        Commands.run(bare, IDENTITY, null, "git", "config", "http.receivepack", "false");
        Path work = Files.createDirectories(root.getParent().resolve(name + "-work"));
        Commands.run(work, IDENTITY, null, "git", "init", "--quiet", "--initial-branch=" + branch);
        Commands.run(work, IDENTITY, null, "git", "remote", "add", "origin", bare.toString());
        return new GitRepository(bare, work);
    }

    /** @return the bare repository's directory */
    public Path directory() {
        return bare;
    }

    /**
     * Writes a file, commits it on {@code branch} and pushes.
     *
     * @return the new commit's id
     */
    public String commit(String branch, String path, String content) throws IOException {
        Commands.run(work, IDENTITY, null, "git", "checkout", "--quiet", "-B", branch);
        Path file = work.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Commands.run(work, IDENTITY, null, "git", "add", path);
        Commands.run(work, IDENTITY, null, "git", "commit", "--quiet", "--allow-empty", "-m", "update " + path);
        Commands.run(work, IDENTITY, null, "git", "push", "--quiet", "--force", "origin", branch);
        return Commands.run(work, IDENTITY, null, "git", "rev-parse", "HEAD").trim();
    }
}
