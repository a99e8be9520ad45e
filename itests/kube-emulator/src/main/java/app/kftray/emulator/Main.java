package app.kftray.emulator;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar kube-emulator.jar --port P --kubeconfig out.yaml --world world.json}: serve until killed.
 * Relay pods (udp and proxy forwards) created through the API run the real relay in-process; each
 * {@code --relay-route dns.dev.svc.cluster.local:53=127.0.0.1:5353} tells them where a cluster name is.
 */
@Command(name = "kube-emulator", mixinStandardHelpOptions = true,
        description = "A small Kubernetes API server for kubectl and fabric8, with pods backed by local sockets. "
                + "Relay pods created through the API (udp and proxy forwards) run the relay in-process.")
public final class Main implements Callable<Integer> {
    @Option(names = "--port", description = "port to listen on (0 = any free port)")
    int port;

    @Option(names = "--host", description = "loopback address to listen on", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--kubeconfig", required = true, description = "where to write the kubeconfig")
    Path kubeconfig;

    @Option(names = "--world", description = "JSON world file: namespaces, services, pods with backends")
    Path world;

    @Option(names = "--namespace", defaultValue = "default", description = "the context's default namespace")
    String namespace;

    @Option(names = "--context", defaultValue = "emulator", description = "the context name")
    String context;

    @Option(names = "--token", description = "bearer token to require (random if not given)")
    String token;

    @Option(names = "--http", description = "plain HTTP instead of HTTPS")
    boolean http;

    @Option(names = "--relay-route", paramLabel = "HOST:PORT=TARGET:PORT",
            description = "relay pods asked for HOST:PORT (a cluster name) reach TARGET:PORT instead; repeatable")
    List<String> relayRoutes = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        KubeEmulator.Builder builder = KubeEmulator.builder().host(InetAddress.getByName(host)).port(port)
                .tls(!http).contextName(context);
        if (token != null) {
            builder.token(token);
        }
        List<RelayRoute> routes = new ArrayList<>();
        try {
            for (String route : relayRoutes) {
                routes.add(RelayRoute.parse(route));
            }
        } catch (IllegalArgumentException e) {
            System.err.println("kube-emulator: " + e.getMessage());
            return 2;
        }
        KubeEmulator emulator = builder.start();
        RelayPods relays = RelayPods.install(emulator);
        routes.forEach(route -> relays.route(route.host(), route.port(), route.target()));
        if (world != null) {
            WorldFile.read(world).applyTo(emulator);
        }
        emulator.writeKubeconfig(kubeconfig, namespace);
        System.out.println("kube-emulator serving " + emulator.url() + "; kubeconfig written to " + kubeconfig);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            relays.close();
            emulator.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
