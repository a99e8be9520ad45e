package app.kftray.testing;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One two-thread event loop group per test class, shut down after its last test. Register it
 * as a static {@code @RegisterExtension} field.
 */
public final class TestEventLoops implements BeforeAllCallback, AfterAllCallback {
    private EventLoopGroup group;

    @Override
    public void beforeAll(ExtensionContext context) {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** @return the group of the running test class */
    public EventLoopGroup group() {
        return group;
    }
}
