package app.kftray.engine.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * What the network looks like now, compared between looks to notice a change: the interfaces that
 * are up (loopback aside) with their addresses, and the default route (Linux {@code /proc/net/route}).
 *
 * @param interfaces   sorted {@code name=address,address} of each interface that is up
 * @param defaultRoute the default route's interface and gateway, or empty
 */
record NetworkFingerprint(List<String> interfaces, String defaultRoute) {
    private static final Path ROUTES = Path.of("/proc/net/route");

    /** @return whether any interface but loopback is up with an address: there may be a network */
    boolean online() {
        return !interfaces.isEmpty();
    }

    /** @return the network as it is now; an interface that cannot be read is left out */
    static NetworkFingerprint now() {
        TreeSet<String> up = new TreeSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                describe(nic, up);
            }
        } catch (SocketException | RuntimeException e) {
            // no interfaces can be listed: nothing to compare, the same as no network
        }
        return new NetworkFingerprint(List.copyOf(up), readDefaultRoute());
    }

    private static void describe(NetworkInterface nic, TreeSet<String> up) {
        try {
            if (!nic.isUp() || nic.isLoopback()) {
                return;
            }
            TreeSet<String> addresses = new TreeSet<>();
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                addresses.add(address.getHostAddress());
            }
            if (!addresses.isEmpty()) {
                up.add(nic.getName() + "=" + String.join(",", addresses));
            }
        } catch (SocketException e) {
            // it went away while being read: it is not up
        }
    }

    /** The lines of {@code /proc/net/route} whose destination is 0.0.0.0, reduced to interface and gateway. */
    private static String readDefaultRoute() {
        if (!Files.isReadable(ROUTES)) {
            return "";
        }
        try {
            StringBuilder routes = new StringBuilder();
            for (String line : Files.readAllLines(ROUTES)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 2 && fields[1].equals("00000000")) {
                    routes.append(fields[0]).append(' ').append(fields[2]).append(';');
                }
            }
            return routes.toString();
        } catch (IOException e) {
            return "";
        }
    }
}
