package app.kftray.api;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Privileged operations done by the helper daemon on the user's behalf: hosts-file
 * entries and loopback aliases. Every operation but {@link #available()} and
 * {@link #describe()} throws a {@link KftrayException} whose message says what failed and
 * what to do (for instance how to install the helper when it does not answer).
 */
@ProviderType
public interface HostsHelper {

    /** @return whether the helper daemon answers */
    boolean available();

    /**
     * @return one line for a person on the helper's state: answering (with its version), or
     *         not installed or not answering, with what to do about it
     * @since 1.3
     */
    String describe();

    /**
     * Adds or replaces the entry with this id.
     *
     * @param id       entry key (usually the config id)
     * @param ip       address
     * @param hostname host name
     */
    void addHost(String id, String ip, String hostname);

    /** @param id entry key; an unknown one is no error */
    void removeHost(String id);

    /**
     * @return this user's entries: entry key to host name
     * @since 1.3
     */
    Map<String, String> hosts();

    /**
     * @param name a stable name; the same name gets the same address again
     * @return an address 127.0.0.N now configured on the loopback interface
     */
    String allocateLoopback(String name);

    /** @param address an address from {@link #allocateLoopback(String)} */
    void releaseLoopback(String address);
}
