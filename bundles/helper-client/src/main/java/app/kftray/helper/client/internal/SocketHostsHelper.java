package app.kftray.helper.client.internal;

import app.kftray.api.HostsHelper;
import app.kftray.api.KftrayException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link HostsHelper} through the helper daemon's socket; every call is one request. */
@Component(service = HostsHelper.class, configurationPid = "app.kftray.helper.client")
@Designate(ocd = HelperClientConfiguration.class)
public final class SocketHostsHelper implements HostsHelper {
    private final HelperSocket helper;
    private final LowPorts lowPorts;

    /** @param config where the helper listens */
    @Activate
    public SocketHostsHelper(HelperClientConfiguration config) {
        this(Path.of(config.socket()), config.timeoutMillis());
    }

    SocketHostsHelper(Path socket, long timeoutMillis) {
        this.helper = new HelperSocket(socket, timeoutMillis);
        this.lowPorts = new LowPorts(helper);
    }

    /** Stops the event loops of the low-port sockets (their forwards have stopped first). */
    @Deactivate
    void deactivate() {
        lowPorts.close();
    }

    @Override
    public boolean available() {
        try {
            helper.call(HelperSocket.request("ping"));
            return true;
        } catch (KftrayException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        try {
            JsonNode status = helper.call(HelperSocket.request("status"));
            JsonNode version = helper.call(HelperSocket.request("version"));
            return "answering on " + helper.path() + " (helper " + version.path("helper").asText() + ", protocol "
                    + version.path("protocol").asInt() + "; " + status.path("hosts_entries").asInt()
                    + " hosts entries and " + status.path("loopback_addresses").asInt() + " loopback addresses of yours)";
        } catch (KftrayException e) {
            return e.getMessage();
        }
    }

    @Override
    public void addHost(String id, String ip, String hostname) {
        ObjectNode request = HelperSocket.request("hosts.add");
        request.putArray("entries").addObject().put("id", id).put("name", hostname).put("address", ip);
        helper.call(request);
    }

    @Override
    public void removeHost(String id) {
        ObjectNode request = HelperSocket.request("hosts.remove");
        request.putArray("ids").add(id);
        helper.call(request);
    }

    @Override
    public Map<String, String> hosts() {
        Map<String, String> hosts = new LinkedHashMap<>();
        for (JsonNode entry : helper.call(HelperSocket.request("hosts.list")).path("entries")) {
            hosts.put(entry.path("id").asText(), entry.path("name").asText());
        }
        return hosts;
    }

    @Override
    public String allocateLoopback(String name) {
        return helper.call(HelperSocket.request("loopback.allocate").put("key", name)).path("address").asText();
    }

    @Override
    public LowPortListener bindLowPort(InetSocketAddress address) {
        return lowPorts.bind(address);
    }

    @Override
    public void releaseLoopback(String address) {
        helper.call(HelperSocket.request("loopback.release").put("address", address));
    }
}
