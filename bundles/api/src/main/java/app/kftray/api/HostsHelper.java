package app.kftray.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Privileged operations done by the helper daemon on the user's behalf: hosts-file
 * entries and loopback aliases.
 */
@ProviderType
public interface HostsHelper {

    /** @return whether the helper daemon answers */
    boolean available();

    /**
     * @param id       entry key (usually the config id)
     * @param ip       address
     * @param hostname host name
     */
    void addHost(String id, String ip, String hostname);

    /** @param id entry key */
    void removeHost(String id);

    /**
     * @param name a stable name; the same name gets the same address again
     * @return an address 127.0.0.N now configured on the loopback interface
     */
    String allocateLoopback(String name);

    /** @param address an address from {@link #allocateLoopback(String)} */
    void releaseLoopback(String address);
}
