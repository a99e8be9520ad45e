package app.kftray.sync.internal.git;

import app.kftray.api.SyncException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;

/**
 * One file of one branch of a remote repository: the branch's commit is asked first (a cheap ref
 * advertisement, so an unchanged branch costs no fetch), then the commit is fetched into memory and
 * the file read from its tree. Nothing is written to disk.
 */
final class RemoteFile {
    /** A configs.json bigger than this is not a configs.json. */
    private static final int MAX_BYTES = 16 * 1024 * 1024;

    private final String url;
    private final String branch;
    private final String path;
    private final CredentialsProvider credentials;
    private final TransportConfigCallback transport;

    RemoteFile(String url, String branch, String path, CredentialsProvider credentials, TransportConfigCallback transport) {
        this.url = url;
        this.branch = branch;
        this.path = path.replaceFirst("^/+", "");
        this.credentials = credentials;
        this.transport = transport;
    }

    /** The branch's head. */
    record Head(String branch, String commit) {
    }

    /** The file's content at a commit. */
    record Content(Head head, String text) {
    }

    Head head() throws GitAPIException {
        Map<String, Ref> refs = Git.lsRemoteRepository().setRemote(url).setCredentialsProvider(credentials)
                .setTransportConfigCallback(transport).setHeads(false).setTags(false).callAsMap();
        String name = branch != null ? branch : defaultBranch(refs);
        Ref ref = refs.get(Constants.R_HEADS + name);
        if (ref == null || ref.getObjectId() == null) {
            List<String> branches = refs.keySet().stream().filter(r -> r.startsWith(Constants.R_HEADS))
                    .map(r -> r.substring(Constants.R_HEADS.length())).sorted().toList();
            throw new SyncException("branch '" + name + "' does not exist in " + url + " (it has "
                    + (branches.isEmpty() ? "no branches" : String.join(", ", branches)) + ")", null);
        }
        return new Head(name, ref.getObjectId().name());
    }

    Content read(Head head) throws GitAPIException, IOException {
        // the FS lets local-path URLs (file transport) work too; nothing is written
        try (Repository repository = new InMemoryRepository.Builder()
                .setRepositoryDescription(new DfsRepositoryDescription("kftray-sync")).setFS(FS.DETECTED).build();
             Git git = new Git(repository)) {
            String ref = Constants.R_HEADS + head.branch();
            git.fetch().setRemote(url).setCredentialsProvider(credentials).setTransportConfigCallback(transport)
                    .setRefSpecs(new RefSpec("+" + ref + ":" + ref)).call();
            ObjectId id = repository.resolve(ref);
            if (id == null) {
                throw new SyncException("branch '" + head.branch() + "' vanished from " + url + " while fetching it", null);
            }
            try (RevWalk walk = new RevWalk(repository)) {
                RevCommit commit = walk.parseCommit(id);
                try (TreeWalk file = TreeWalk.forPath(repository, path, commit.getTree())) {
                    if (file == null || file.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
                        throw new SyncException("file '" + path + "' does not exist on branch '" + head.branch()
                                + "' of " + url + " (commit " + abbreviate(commit.name()) + ")", null);
                    }
                    byte[] bytes = repository.open(file.getObjectId(0)).getCachedBytes(MAX_BYTES);
                    return new Content(new Head(head.branch(), commit.name()), new String(bytes, StandardCharsets.UTF_8));
                }
            }
        }
    }

    static String abbreviate(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    /** The branch the remote's HEAD points at, else main or master. */
    private static String defaultBranch(Map<String, Ref> refs) {
        Ref head = refs.get(Constants.HEAD);
        if (head != null && head.isSymbolic()) {
            return Repository.shortenRefName(head.getTarget().getName());
        }
        if (head != null && head.getObjectId() != null) {
            for (Ref ref : refs.values()) {
                if (ref.getName().startsWith(Constants.R_HEADS) && head.getObjectId().equals(ref.getObjectId())) {
                    return Repository.shortenRefName(ref.getName());
                }
            }
        }
        return refs.containsKey(Constants.R_HEADS + "main") || !refs.containsKey(Constants.R_HEADS + "master")
                ? "main" : "master";
    }
}
