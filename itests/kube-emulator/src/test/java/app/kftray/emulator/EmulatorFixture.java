package app.kftray.emulator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/**
 * An echo backend, an HTTPS emulator whose namespace "dev" a test fills, its kubeconfig, and the clients
 * (real kubectl, fabric8 over the JDK HTTP client) pointed at it.
 */
final class EmulatorFixture implements AutoCloseable {
    final EchoServer echo;
    final KubeEmulator kube;
    final Path kubeconfig;
    private final Path dir;
    private KubernetesClient fabric8;

    private EmulatorFixture(Path dir, BiConsumer<NamespaceScope, EchoServer> world) throws Exception {
        this.dir = dir;
        this.echo = EchoServer.start();
        this.kube = KubeEmulator.start();
        world.accept(kube.namespace("dev"), echo);
        this.kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"), "dev");
    }

    /** Starts it all; {@code world} declares the objects of namespace "dev" (the echo server is the backend). */
    static EmulatorFixture start(Path dir, BiConsumer<NamespaceScope, EchoServer> world) throws Exception {
        return new EmulatorFixture(dir, world);
    }

    Kubectl kubectl() {
        return new Kubectl(Kubectl.locate(), kubeconfig, dir.resolve("home"));
    }

    synchronized KubernetesClient fabric8() {
        if (fabric8 == null) {
            fabric8 = new KubernetesClientBuilder().withConfig(Fabric8Clients.config(kubeconfig, kube.contextName()))
                    .withHttpClientFactory(new JdkHttpClientFactory()).build();
        }
        return fabric8;
    }

    @Override
    public synchronized void close() {
        if (fabric8 != null) {
            fabric8.close();
        }
        kube.close();
        echo.close();
    }
}
