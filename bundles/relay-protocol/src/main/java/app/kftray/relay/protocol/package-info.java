/**
 * The relay's datagram framing: UDP datagrams carried over a TCP stream as
 * {@code [4-byte big-endian unsigned length][payload]}, at most
 * {@value app.kftray.relay.protocol.DatagramFraming#MAX_DATAGRAM_BYTES} payload bytes per
 * frame. The relay server and the local UDP forward both use these Netty handlers, so the
 * two ends cannot drift apart. The reverse (expose) mode's control and attach lines are
 * {@link app.kftray.relay.protocol.ReverseMessage}s, read and written by the handlers of
 * {@link app.kftray.relay.protocol.ReverseFraming}. The wire formats are described in the relay's
 * PROTOCOL.md.
 */
@Version("1.2.0")
package app.kftray.relay.protocol;

import org.osgi.annotation.versioning.Version;
