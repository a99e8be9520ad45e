package app.kftray.engine.internal;

import app.kftray.api.HostsHelper;
import app.kftray.api.KftrayException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A helper that keeps its hosts entries in memory, hands out fixed addresses, or refuses everything. */
final class FakeHostsHelper implements HostsHelper {
    /** entry id to "address name" */
    final Map<String, String> entries = new ConcurrentHashMap<>();
    final Map<String, String> allocations = new ConcurrentHashMap<>();
    private final String refusal;

    private FakeHostsHelper(String refusal) {
        this.refusal = refusal;
    }

    static FakeHostsHelper working() {
        return new FakeHostsHelper(null);
    }

    static FakeHostsHelper missing() {
        return new FakeHostsHelper("the kftray helper is not installed (no socket /x); install it with 'sudo kftray helper install'");
    }

    private void check() {
        if (refusal != null) {
            throw new KftrayException(refusal);
        }
    }

    @Override
    public boolean available() {
        return refusal == null;
    }

    @Override
    public String describe() {
        return refusal == null ? "answering" : refusal;
    }

    @Override
    public void addHost(String id, String ip, String hostname) {
        check();
        entries.put(id, ip + " " + hostname);
    }

    @Override
    public void removeHost(String id) {
        check();
        entries.remove(id);
    }

    @Override
    public Map<String, String> hosts() {
        check();
        Map<String, String> names = new ConcurrentHashMap<>();
        entries.forEach((id, line) -> names.put(id, line.split(" ")[1]));
        return names;
    }

    @Override
    public String allocateLoopback(String name) {
        check();
        return allocations.computeIfAbsent(name, key -> "127.0.0." + (7 + allocations.size()));
    }

    @Override
    public LowPortListener bindLowPort(InetSocketAddress address) {
        check();
        throw new KftrayException("this fake binds no sockets");
    }

    @Override
    public void releaseLoopback(String address) {
        check();
        allocations.values().remove(address);
    }
}
