package app.kftray.helper.request;

import java.util.List;

/** A validated request; one record per operation of the protocol (PROTOCOL.md). */
public sealed interface HelperRequest {

    /** {@code ping}. */
    record Ping() implements HelperRequest {
    }

    /** {@code version}. */
    record Version() implements HelperRequest {
    }

    /** {@code status}. */
    record Status() implements HelperRequest {
    }

    /** {@code hosts.add}: entries without their owner yet, see {@link HostEntry}. */
    record HostsAdd(List<HostEntry> entries) implements HelperRequest {
    }

    /** {@code hosts.remove}. */
    record HostsRemove(List<String> ids) implements HelperRequest {
    }

    /** {@code hosts.list}. */
    record HostsList() implements HelperRequest {
    }

    /** {@code hosts.remove_all}. */
    record HostsRemoveAll() implements HelperRequest {
    }

    /** {@code loopback.allocate}. */
    record LoopbackAllocate(String key) implements HelperRequest {
    }

    /** {@code loopback.release}. */
    record LoopbackRelease(String address) implements HelperRequest {
    }

    /** {@code socket.bind}. */
    record SocketBind(String address, int port) implements HelperRequest {
    }
}
