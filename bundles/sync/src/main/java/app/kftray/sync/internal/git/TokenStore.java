package app.kftray.sync.internal.git;

import app.kftray.api.SyncException;
import java.util.Optional;

/** Where the sync token is kept: the OS keyring or, when the user opted in, an owner-only file. */
interface TokenStore {
    /** The keyring entry's service name (kftray's own). */
    String SERVICE = "kftray";
    /** The keyring entry's account name. */
    String ACCOUNT = "git-sync-token";

    /** @return the name shown in the status ("keyring", "file") */
    String kind();

    /** @throws SyncException if the token cannot be stored */
    void put(String token);

    /** @return the token, if stored */
    Optional<String> get();

    /** Removes the token, if stored. */
    void delete();
}
