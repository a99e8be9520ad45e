package app.kftray.emulator;

import app.kftray.emulator.http.ApiServer;
import app.kftray.emulator.portforward.ForwardFaults;
import app.kftray.emulator.portforward.ForwardRegistry;
import app.kftray.emulator.world.World;
import java.time.Duration;

/** Fault injection: API outages, dropped port-forwards, slow links and slow readiness. */
public final class Faults {
    private final ApiServer server;
    private final ForwardRegistry forwards;
    private final ForwardFaults link;
    private final World world;

    Faults(ApiServer server, ForwardRegistry forwards, ForwardFaults link, World world) {
        this.server = server;
        this.forwards = forwards;
        this.link = link;
        this.world = world;
    }

    /**
     * Takes the API server down for {@code length}: every open connection (watches and port-forwards
     * too) is closed and new ones are refused until it is back on the same port.
     */
    public Faults outage(Duration length) {
        server.outage(length);
        return this;
    }

    /** Closes every open port-forward connection, as a kubelet or apiserver restart would; returns how many. */
    public int dropPortForwards() {
        return forwards.closeAll();
    }

    /**
     * Makes every open port-forward connection a black hole, as after a dead VPN or network change: the
     * server stops answering anything on it (SPDY pings included) without a reset or close; new connections
     * work. Returns how many.
     */
    public int blackholePortForwards() {
        return forwards.blackholeAll();
    }

    /** Adds this one-way delay in both directions of streams forwarded from now on; zero removes it. */
    public Faults latency(Duration latency) {
        link.latency(latency);
        return this;
    }

    /** Caps each direction of streams forwarded from now on to this many bytes per second; zero removes it. */
    public Faults bandwidth(long bytesPerSecond) {
        link.bytesPerSecond(bytesPerSecond);
        return this;
    }

    /** How long pods created through the API, and restarted pods, take to become Ready. */
    public Faults readyDelay(Duration delay) {
        world.defaultReadyDelay(delay);
        return this;
    }

    /** Clears link faults and the ready delay. */
    public Faults clear() {
        link.latency(Duration.ZERO);
        link.bytesPerSecond(0);
        world.defaultReadyDelay(Duration.ZERO);
        return this;
    }
}
