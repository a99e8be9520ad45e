package app.kftray.helper.server;

import app.kftray.helper.config.HelperConfig;
import app.kftray.helper.hosts.HostsFile;
import app.kftray.helper.loopback.AddressPool;
import app.kftray.helper.loopback.LoopbackDevice;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.DomainSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The running helper: a Unix domain socket server, one request per connection, on one epoll
 * thread; file and process work runs on one worker thread, hosts edits on their own writer.
 */
public final class HelperServer implements AutoCloseable {
    /** Longest request line. */
    public static final int MAX_REQUEST_BYTES = 16_384;
    /** How long a caller may take to send its request (and its "ready" byte). */
    public static final int TIMEOUT_SECONDS = 5;
    static final String LINE_DECODER = "line";
    private static final Logger LOG = LoggerFactory.getLogger(HelperServer.class);

    private final EventLoopGroup group;
    private final ExecutorService work;
    private final HostsFile hosts;
    private final Channel listener;
    private final Path socket;
    private final CountDownLatch closed = new CountDownLatch(1);

    private HelperServer(EventLoopGroup group, ExecutorService work, HostsFile hosts, Channel listener, Path socket) {
        this.group = group;
        this.work = work;
        this.hosts = hosts;
        this.listener = listener;
        this.socket = socket;
    }

    /**
     * @param config  the helper's settings
     * @param device  makes loopback addresses usable
     * @param version the helper's version, for the {@code version} operation
     * @return the listening helper
     * @throws IOException if the state cannot be read or the socket not bound; nothing is left running
     */
    public static HelperServer start(HelperConfig config, LoopbackDevice device, String version) throws IOException {
        Epoll.ensureAvailability();
        AddressPool addresses = AddressPool.open(config.stateFile(), device);
        Files.createDirectories(config.socket().getParent());
        Files.deleteIfExists(config.socket());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        ExecutorService work = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "helper-work");
            thread.setDaemon(true);
            return thread;
        });
        HostsFile hosts = new HostsFile(config.hostsFile());
        Operations operations = new Operations(hosts, addresses, work, version);
        try {
            Channel listener = new ServerBootstrap().group(group).channel(EpollServerDomainSocketChannel.class)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(new ChannelInitializer<DomainSocketChannel>() {
                        @Override
                        protected void initChannel(DomainSocketChannel channel) {
                            channel.pipeline()
                                    .addLast(new ReadTimeoutHandler(TIMEOUT_SECONDS))
                                    .addLast(LINE_DECODER, new LineBasedFrameDecoder(MAX_REQUEST_BYTES, true, true))
                                    .addLast(new CallerCheck(config.allowedUids(), operations));
                        }
                    })
                    .bind(new DomainSocketAddress(config.socket().toFile())).sync().channel();
            // anyone may connect; the caller's uid decides what happens (CallerCheck)
            Files.setPosixFilePermissions(config.socket(), PosixFilePermissions.fromString("rw-rw-rw-"));
            LOG.info("event=started socket={} hosts_file={} allowed_uids={}", config.socket(), config.hostsFile(),
                    config.allowedUids());
            return new HelperServer(group, work, hosts, listener, config.socket());
        } catch (IOException | RuntimeException | InterruptedException e) {
            hosts.close();
            work.shutdownNow();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("cannot listen on " + config.socket() + ": " + e.getMessage(), e);
        }
    }

    /** Blocks until {@link #close} has run. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        work.shutdown();
        hosts.close();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("event=socket_not_removed socket={} error=\"{}\"", socket, e.getMessage());
        }
        LOG.info("event=stopped");
        closed.countDown();
    }
}
