package app.kftray.storage.internal;

import app.kftray.api.model.Owner;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** This process as the owner of state rows and the writer of change-log rows. */
final class LocalProcess {
    private LocalProcess() {
    }

    /** @return this process's id and host name */
    static Owner owner() {
        return new Owner(ProcessHandle.current().pid(), Host.NAME);
    }

    /** @return a name for one store instance, unique even for several stores in one process */
    static String writerName() {
        return owner() + "#" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * @param owner an owner of state rows
     * @return whether it is a process of this host that no longer exists (crashed or killed):
     *         gone at once, without waiting for its heartbeat to go stale
     */
    static boolean isGone(Owner owner) {
        return owner.host().equals(Host.NAME)
                && !ProcessHandle.of(owner.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Looked up once: it is asked for every state row read, and may need a name lookup. */
    private static final class Host {
        static final String NAME = hostName();
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment; // set by most shells and containers; avoids a name lookup
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
