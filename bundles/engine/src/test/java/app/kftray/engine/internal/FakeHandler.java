package app.kftray.engine.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.ProtocolHandler;
import app.kftray.api.RunningForward;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** A handler of any protocol name that binds nothing and counts its calls. */
final class FakeHandler implements ProtocolHandler {
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger stopped = new AtomicInteger();
    private final String protocol;

    FakeHandler(String protocol) {
        this.protocol = protocol;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public RunningForward start(ForwardContext context) {
        started.incrementAndGet();
        return new RunningForward() {
            @Override
            public InetSocketAddress boundAddress() {
                return new InetSocketAddress("127.0.0.1", 1080);
            }

            @Override
            public void targetChanged() {
            }

            @Override
            public CompletionStage<Void> stop() {
                stopped.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            }
        };
    }
}
