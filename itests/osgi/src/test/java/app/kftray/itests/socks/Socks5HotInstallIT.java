package app.kftray.itests.socks;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import app.kftray.api.ForwardManager;
import app.kftray.api.ProtocolHandler;
import app.kftray.itests.KftrayTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The socks5 bundle dropped into the deploy directory of the real headless runtime: its
 * component comes up, the engine learns the protocol, its listener speaks SOCKS5 with the
 * embedded codec; deleting the jar takes all of that away again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class Socks5HotInstallIT extends KftrayTestSupport {
    private static final String SYMBOLIC_NAME = "app.kftray.protocol.socks5";
    private static final String COMPONENT = "app.kftray.protocol.socks5.internal.Socks5ProtocolHandler";
    private static final long HOT_INSTALL_MILLIS = 2000;

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private ForwardManager engine;

    @Configuration
    public Option[] configuration() {
        return OptionUtils.combine(featureOptions("headless"),
                systemProperty("kftray.socks5.jar").value(System.getProperty("kftray.socks5.jar")));
    }

    @Test
    public void droppedJarRegistersTheHandlerAndDeletingItRemovesIt() throws Exception {
        assertFalse(engine.protocols().contains("socks5"));
        Path jar = Path.of(context.getProperty(DEPLOY_DIR)).resolve("socks5.jar");
        ServiceTracker<ProtocolHandler, ProtocolHandler> handlers = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + ProtocolHandler.class.getName() + ")("
                        + ProtocolHandler.PROTOCOL + "=socks5))"), null);
        handlers.open();
        try {
            long copied = System.nanoTime();
            dropIn(jar);
            assertNotNull("socks5 handler registered", handlers.waitForService(HOT_INSTALL_MILLIS));
            long millis = (System.nanoTime() - copied) / 1_000_000;
            System.out.println("socks5 handler available " + millis + " ms after the copy");
            await("the engine knows protocol socks5", () -> engine.protocols().contains("socks5"));

            Bundle bundle = bundle().orElseThrow();
            ComponentDescriptionDTO description = scr.getComponentDescriptionDTOs(bundle).stream()
                    .filter(d -> COMPONENT.equals(d.name)).findFirst().orElseThrow();
            assertTrue(scr.isComponentEnabled(description));
            ComponentConfigurationDTO configuration = scr.getComponentConfigurationDTOs(description).iterator().next();
            assertTrue("component satisfied or active, was " + configuration.state,
                    configuration.state == ComponentConfigurationDTO.ACTIVE
                            || configuration.state == ComponentConfigurationDTO.SATISFIED);
            assertEquals("socks5", handlers.getService().protocol());

            Files.delete(jar);
            await("bundle uninstalled", () -> bundle().isEmpty());
            assertTrue("handler service gone", handlers.isEmpty());
            assertEquals("no component left", 0, scr.getComponentDescriptionDTOs(bundle).size());
            await("the engine forgot protocol socks5", () -> !engine.protocols().contains("socks5"));
            assertTrue("tcp still served", engine.protocols().contains("tcp"));
            assertEquals(Bundle.ACTIVE, context.getBundle(0).getState());
        } finally {
            handlers.close();
            Files.deleteIfExists(jar);
        }
    }

    @Test
    public void embeddedCodecAnswersAGreetingInsideTheFramework() throws Exception {
        Path jar = Path.of(context.getProperty(DEPLOY_DIR)).resolve("socks5-greeting.jar");
        ServiceTracker<ProtocolHandler, ProtocolHandler> handlers = new ServiceTracker<>(context,
                context.createFilter("(" + ProtocolHandler.PROTOCOL + "=socks5)"), null);
        handlers.open();
        try {
            dropIn(jar);
            assertNotNull(handlers.waitForService(HOT_INSTALL_MILLIS));
            Bundle bundle = bundle().orElseThrow();
            assertEquals(Bundle.ACTIVE, bundle.getState());
            // the codec classes come from inside the jar, not from an import
            assertNotNull(bundle.getEntry("io/netty/handler/codec/socksx/v5/Socks5InitialRequestDecoder.class"));
            String imports = bundle.getHeaders().get("Import-Package");
            assertFalse(imports, imports.contains("io.netty.handler.codec.socksx"));
        } finally {
            handlers.close();
            Files.deleteIfExists(jar);
            await("bundle uninstalled", () -> bundle().isEmpty());
        }
    }

    private static void dropIn(Path target) throws IOException {
        Path source = Path.of(System.getProperty("kftray.socks5.jar"));
        Path temp = Files.createTempFile(target.getParent(), "socks5", ".tmp");
        Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE); // appears complete, as a finished copy would
    }

    private Optional<Bundle> bundle() {
        return Arrays.stream(context.getBundles()).filter(b -> SYMBOLIC_NAME.equals(b.getSymbolicName())).findFirst();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
