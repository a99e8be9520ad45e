package app.kftray.emulator;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar kube-emulator.jar --port P --kubeconfig out.yaml --world world.json}: serve until killed. */
@Command(name = "kube-emulator", mixinStandardHelpOptions = true,
        description = "A small Kubernetes API server for kubectl and fabric8, with pods backed by local sockets.")
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
        KubeEmulator emulator = builder.start();
        if (world != null) {
            WorldFile.read(world).applyTo(emulator);
        }
        emulator.writeKubeconfig(kubeconfig, namespace);
        System.out.println("kube-emulator serving " + emulator.url() + "; kubeconfig written to " + kubeconfig);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
