package app.kftray.helper.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Set;

/**
 * Admits a connection only from an allowed user, as the kernel reports the peer (SO_PEERCRED):
 * nothing the caller sends can claim another identity. Then it installs the request handler,
 * which answers a caller that is not allowed with the refusal and nothing else.
 */
final class CallerCheck extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(CallerCheck.class);

    private final Set<Integer> allowedUids;
    private final Operations operations;

    CallerCheck(Set<Integer> allowedUids, Operations operations) {
        this.allowedUids = allowedUids;
        this.operations = operations;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws IOException {
        int uid = ((EpollDomainSocketChannel) ctx.channel()).peerCredentials().uid();
        String refusal = null;
        if (!allowedUids.contains(uid)) {
            LOG.warn("event=refused uid={} reason=\"uid not allowed\"", uid);
            // answered once its request has arrived (unparsed), so the caller reads the reason
            // instead of finding the connection closed under its write
            refusal = "uid " + uid + " is not allowed to use the kftray helper (allowed_uids of its configuration)";
        }
        ctx.pipeline().replace(this, "request", new RequestHandler(operations, uid, refusal));
        ctx.fireChannelActive();
    }
}
