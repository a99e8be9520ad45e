package app.kftray.api;

import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import java.net.InetSocketAddress;
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

    /**
     * Has the helper bind a TCP listening socket on a port below 1024 and pass it to this
     * process, so kftray needs no rights of its own for it.
     *
     * @param address 127.0.0.1 or an address from {@link #allocateLoopback(String)}, and a port 1–1023
     * @return the bound socket, ready to be served by Netty
     * @since 1.3
     */
    LowPortListener bindLowPort(InetSocketAddress address);

    /**
     * A listening socket the helper bound.
     *
     * @param group   the event loops that can serve it and its connections
     * @param channel makes its server channel; call it once
     * @since 1.3
     */
    record LowPortListener(EventLoopGroup group, ChannelFactory<? extends ServerChannel> channel) {
    }
}
