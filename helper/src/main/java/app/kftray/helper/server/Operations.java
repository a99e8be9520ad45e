package app.kftray.helper.server;

import app.kftray.helper.hosts.HostsEdits;
import app.kftray.helper.hosts.HostsFile;
import app.kftray.helper.loopback.AddressPool;
import app.kftray.helper.request.BadRequestException;
import app.kftray.helper.request.HelperRequest;
import app.kftray.helper.request.HostEntry;
import app.kftray.helper.request.RequestParser;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/** Carries out validated requests for a caller; blocking work runs on the given executor, never on the event loop. */
final class Operations {
    private final HostsFile hosts;
    private final AddressPool addresses;
    private final Executor work;
    private final String helperVersion;

    Operations(HostsFile hosts, AddressPool addresses, Executor work, String helperVersion) {
        this.hosts = hosts;
        this.addresses = addresses;
        this.work = work;
        this.helperVersion = helperVersion;
    }

    /**
     * @param request a validated request
     * @param uid     the caller
     * @return the reply; refusals and failures become error replies
     */
    CompletableFuture<Reply> handle(HelperRequest request, int uid) {
        CompletableFuture<Reply> reply;
        try {
            reply = dispatch(request, uid);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.exceptionally(Operations::asError);
    }

    private CompletableFuture<Reply> dispatch(HelperRequest request, int uid) {
        if (request instanceof HelperRequest.Ping) {
            return CompletableFuture.completedFuture(Reply.ok());
        } else if (request instanceof HelperRequest.Version) {
            Reply reply = Reply.ok();
            reply.body().put("protocol", RequestParser.PROTOCOL_VERSION).put("helper", helperVersion);
            return CompletableFuture.completedFuture(reply);
        } else if (request instanceof HelperRequest.Status) {
            return blocking(() -> status(uid));
        } else if (request instanceof HelperRequest.HostsAdd add) {
            return hosts.edit(HostsEdits.add(add.entries())).thenApply(count -> Reply.ok());
        } else if (request instanceof HelperRequest.HostsRemove remove) {
            return hosts.edit(HostsEdits.remove(uid, remove.ids())).thenApply(Operations::removed);
        } else if (request instanceof HelperRequest.HostsRemoveAll) {
            return hosts.edit(HostsEdits.removeAll(uid)).thenApply(Operations::removed);
        } else if (request instanceof HelperRequest.HostsList) {
            return blocking(() -> list(uid));
        } else if (request instanceof HelperRequest.LoopbackAllocate allocate) {
            return blocking(() -> allocated(addresses.allocate(uid, allocate.key())));
        } else if (request instanceof HelperRequest.LoopbackRelease release) {
            return blocking(() -> {
                addresses.release(uid, release.address());
                return Reply.ok();
            });
        } else if (request instanceof HelperRequest.SocketBind bind) {
            return blocking(() -> bind(uid, bind));
        }
        throw new IllegalStateException("no operation for " + request);
    }

    private Reply status(int uid) throws Exception {
        Reply reply = Reply.ok();
        reply.body().put("uid", uid).put("hosts_file", hosts.path().toString())
                .put("hosts_entries", HostsEdits.of(uid, hosts.read()).size())
                .put("loopback_addresses", addresses.countOf(uid));
        return reply;
    }

    private Reply list(int uid) throws Exception {
        Reply reply = Reply.ok();
        ArrayNode entries = reply.body().putArray("entries");
        for (HostEntry entry : HostsEdits.of(uid, hosts.read())) {
            entries.addObject().put("id", entry.id()).put("name", entry.name()).put("address", entry.address());
        }
        return reply;
    }

    private Reply bind(int uid, HelperRequest.SocketBind bind) throws BadRequestException, IOException {
        if (!bind.address().equals("127.0.0.1") && !addresses.isAllocatedTo(uid, bind.address())) {
            throw new BadRequestException("address: " + bind.address()
                    + " is neither 127.0.0.1 nor a loopback address allocated to you (loopback.allocate)");
        }
        return Reply.descriptor(LowPortBinder.bind(bind.address(), bind.port()));
    }

    private static Reply allocated(String address) {
        Reply reply = Reply.ok();
        reply.body().put("address", address);
        return reply;
    }

    private static Reply removed(int count) {
        Reply reply = Reply.ok();
        reply.body().put("removed", count);
        return reply;
    }

    private static Reply asError(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return Reply.error(cause instanceof BadRequestException ? cause.getMessage()
                : "failed: " + cause.getMessage());
    }

    @FunctionalInterface
    private interface Work {
        Reply run() throws Exception;
    }

    private CompletableFuture<Reply> blocking(Work task) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return task.run();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, work);
    }
}
