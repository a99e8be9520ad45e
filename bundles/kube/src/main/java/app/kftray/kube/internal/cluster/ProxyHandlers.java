package app.kftray.kube.internal.cluster;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyConnectException;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLException;

/**
 * Puts the handlers that tunnel a connection through a proxy at the head of its pipeline:
 * HTTP {@code CONNECT} (over TLS to the proxy for an {@code https} proxy URL) or SOCKS5, with the
 * proxy's user and password when the URL or configuration has them. TLS to an {@code https} proxy
 * trusts what the cluster's TLS trusts, as kubectl's does (its one TLS configuration serves both).
 */
public final class ProxyHandlers {
    private static final SslContext TO_PROXY = toProxyTls();

    private ProxyHandlers() {
    }

    /**
     * @param pipeline  a new connection's pipeline
     * @param proxy     the proxy
     * @param trust     the cluster's TLS context, whose trust (and host name check) an {@code https} proxy
     *                  must pass; {@code null} for a plain-http cluster: the JDK's default trust then
     * @param timeoutMs how long the proxy may take to connect onwards
     * @return the proxy's handler: its {@link ProxyHandler#connectFuture()} completes once the proxy has connected onwards
     */
    public static ProxyHandler addFirst(ChannelPipeline pipeline, ApiProxy proxy, SslContext trust, long timeoutMs) {
        InetSocketAddress address = new InetSocketAddress(proxy.host(), proxy.port());
        boolean auth = proxy.username() != null && !proxy.username().isEmpty();
        ProxyHandler handler = switch (proxy.scheme()) {
            case "socks5" -> auth ? new Socks5ProxyHandler(address, proxy.username(), proxy.password())
                    : new Socks5ProxyHandler(address);
            default -> auth ? new HttpProxyHandler(address, proxy.username(), proxy.password())
                    : new HttpProxyHandler(address);
        };
        handler.setConnectTimeoutMillis(timeoutMs);
        pipeline.addFirst(handler);
        if (proxy.scheme().equals("https")) {
            SslContext tls = trust != null ? trust : TO_PROXY;
            pipeline.addFirst(new SslHandler(tls.newEngine(pipeline.channel().alloc(), proxy.host(), proxy.port())));
        }
        return handler;
    }

    /**
     * @param cause why a connection failed
     * @return the proxy's refusal or failure in its causes (rather than the API server's), or {@code null}
     */
    public static ProxyConnectException proxyFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ProxyConnectException proxy) {
                return proxy;
            }
        }
        return null;
    }

    private static SslContext toProxyTls() {
        try {
            return SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("no TLS client available for https proxies", e);
        }
    }
}
