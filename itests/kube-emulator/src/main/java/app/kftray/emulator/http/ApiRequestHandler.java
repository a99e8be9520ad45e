package app.kftray.emulator.http;

import app.kftray.emulator.portforward.PortForwardUpgrader;
import app.kftray.emulator.auth.Access;
import app.kftray.emulator.auth.Credentials;
import app.kftray.emulator.auth.Identity;
import app.kftray.emulator.store.ApiException;
import app.kftray.emulator.store.FieldSelector;
import app.kftray.emulator.store.LabelSelector;
import app.kftray.emulator.store.ResourceKind;
import app.kftray.emulator.store.ResourceStore;
import app.kftray.emulator.world.World;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one connection's API requests: bearer-token check, discovery, resource verbs, watches, and the
 * hand-over of {@code pods/NAME/portforward} to the upgrader. Every failure is answered with a Status body.
 */
final class ApiRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiRequestHandler.class);

    private final World world;
    private final ResourceApi resources;
    private final PortForwardUpgrader upgrader;
    private final Credentials credentials;
    private final String serverAddress;
    private final RequestCounts requests;

    ApiRequestHandler(World world, PortForwardUpgrader upgrader, Credentials credentials, String serverAddress,
            RequestCounts requests) {
        this.world = world;
        this.resources = new ResourceApi(world);
        this.upgrader = upgrader;
        this.credentials = credentials;
        this.serverAddress = serverAddress;
        this.requests = requests;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        try {
            DecoderResult decoded = request.decoderResult();
            if (!decoded.isSuccess()) {
                HttpUtil.setKeepAlive(request, false); // the decoder cannot resync: answer, then close
                throw ApiException.badRequest("malformed HTTP request: " + decoded.cause());
            }
            Identity identity = credentials.authenticate(request.headers().get(HttpHeaderNames.AUTHORIZATION));
            route(ctx, request, identity);
        } catch (ApiException e) {
            Responses.error(ctx, request, e);
        } catch (RuntimeException e) {
            LOG.warn("internal error serving {} {}", request.method(), request.uri(), e);
            Responses.error(ctx, request, new ApiException(500, "InternalError",
                    "Internal error occurred: " + e, null, null));
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest request, Identity identity) throws ApiException {
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        List<String> seg = Arrays.stream(query.path().split("/")).filter(s -> !s.isEmpty()).toList();
        boolean get = request.method().equals(HttpMethod.GET);
        if (seg.size() == 1 && get && List.of("healthz", "livez", "readyz").contains(seg.get(0))) {
            Responses.text(ctx, request, HttpResponseStatus.OK, "ok");
            return;
        }
        if (seg.size() == 1 && get && seg.get(0).equals("version")) {
            Responses.json(ctx, request, HttpResponseStatus.OK, Discovery.version());
            return;
        }
        if (seg.isEmpty() || !(seg.get(0).equals("api") || seg.get(0).equals("apis"))) {
            throw ApiException.unknownResource();
        }
        boolean core = seg.get(0).equals("api");
        int prefix = core ? 2 : 3;
        if (seg.size() < prefix) {
            if (!get) {
                throw ApiException.methodNotAllowed(request.method().name());
            }
            discovery(ctx, request, core, seg);
            return;
        }
        String group = core ? "" : seg.get(1);
        String version = seg.get(prefix - 1);
        if (seg.size() == prefix) {
            if (!get) {
                throw ApiException.methodNotAllowed(request.method().name());
            }
            Responses.json(ctx, request, HttpResponseStatus.OK,
                    Discovery.resourceList(group, version).orElseThrow(ApiException::unknownResource));
            return;
        }
        if (group.equals(AccessReviews.GROUP) && seg.size() == prefix + 1
                && seg.get(prefix).equals(AccessReviews.RESOURCE) && request.method().equals(HttpMethod.POST)) {
            Responses.json(ctx, request, HttpResponseStatus.CREATED,
                    AccessReviews.answer(ByteBufUtil.getBytes(request.content()), identity));
            return;
        }
        ResourcePath path = ResourcePath.parse(group, version, seg.subList(prefix, seg.size()));
        Access access = access(request.method(), query.parameters(), path);
        requests.count(access.verb(), path.kind().plural(), path.subresource());
        access.check(identity);
        resource(ctx, request, query.parameters(), path);
    }

    private void discovery(ChannelHandlerContext ctx, FullHttpRequest request, boolean core, List<String> seg)
            throws ApiException {
        ObjectNode doc;
        if (core) {
            doc = Discovery.apiVersions(serverAddress);
        } else if (seg.size() == 1) {
            doc = Discovery.groupList();
        } else {
            doc = Discovery.groupDocument(seg.get(1)).orElseThrow(ApiException::unknownResource);
        }
        Responses.json(ctx, request, HttpResponseStatus.OK, doc);
    }

    /** The RBAC verb of a request, as the API server derives it from method, name and watch parameter. */
    private static Access access(HttpMethod method, Map<String, List<String>> params, ResourcePath path) {
        String verb;
        if (path.subresource() != null) {
            verb = "create"; // pods/portforward: an upgrade that RBAC checks as create
        } else if (method.equals(HttpMethod.GET)) {
            String watch = param(params, "watch");
            verb = path.name() != null ? "get" : "true".equals(watch) || "1".equals(watch) ? "watch" : "list";
        } else if (method.equals(HttpMethod.POST)) {
            verb = "create";
        } else if (method.equals(HttpMethod.DELETE)) {
            verb = "delete";
        } else if (method.equals(HttpMethod.PATCH)) {
            verb = "patch";
        } else {
            verb = "update";
        }
        return new Access(verb, path.kind().group(), path.kind().plural(), path.subresource(), path.namespace(),
                path.name());
    }

    private void resource(ChannelHandlerContext ctx, FullHttpRequest request, Map<String, List<String>> params,
            ResourcePath path) throws ApiException {
        HttpMethod method = request.method();
        if (path.subresource() != null) {
            if (!path.subresource().equals("portforward") || path.kind() != ResourceKind.PODS) {
                throw ApiException.unknownResource();
            }
            upgrader.upgrade(ctx, request, world.forwardTarget(path.namespace(), path.name()), this);
            return;
        }
        if (method.equals(HttpMethod.GET)) {
            read(ctx, request, params, path);
        } else if (method.equals(HttpMethod.POST) && path.name() == null) {
            ObjectNode created = resources.create(path, ByteBufUtil.getBytes(request.content()));
            Responses.json(ctx, request, HttpResponseStatus.CREATED, created);
        } else if (method.equals(HttpMethod.DELETE) && path.name() != null) {
            Responses.json(ctx, request, HttpResponseStatus.OK, resources.delete(path));
        } else {
            throw ApiException.methodNotAllowed(method.name());
        }
    }

    private void read(ChannelHandlerContext ctx, FullHttpRequest request, Map<String, List<String>> params,
            ResourcePath path) throws ApiException {
        boolean table = request.headers().get(HttpHeaderNames.ACCEPT, "").contains("as=Table");
        if (path.name() != null) {
            ObjectNode object = resources.get(path);
            if (table) {
                Responses.json(ctx, request, HttpResponseStatus.OK, TableRenderer.table(path.kind(), List.of(object),
                        world.store().resourceVersion()), Responses.TABLE_CONTENT_TYPE);
            } else {
                Responses.json(ctx, request, HttpResponseStatus.OK, object);
            }
            return;
        }
        Predicate<JsonNode> filter = LabelSelector.parse(param(params, "labelSelector"))
                .and(FieldSelector.parse(path.kind(), param(params, "fieldSelector")));
        String watch = param(params, "watch");
        if ("true".equals(watch) || "1".equals(watch)) {
            boolean webSocket = "websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE, ""));
            WatchSink sink = webSocket ? new WebSocketWatchSink(ctx, request)
                    : new ChunkedWatchSink(ctx.channel(), table ? Responses.TABLE_CONTENT_TYPE : "application/json");
            WatchStream.start(sink, world.store(), path, filter, param(params, "resourceVersion"),
                    timeoutSeconds(param(params, "timeoutSeconds")), table);
            return;
        }
        ResourceStore.ListResult result = resources.list(path, filter);
        if (table) {
            Responses.json(ctx, request, HttpResponseStatus.OK,
                    TableRenderer.table(path.kind(), result.items(), result.resourceVersion()),
                    Responses.TABLE_CONTENT_TYPE);
        } else {
            Responses.json(ctx, request, HttpResponseStatus.OK, ResourceApi.listDocument(path.kind(), result));
        }
    }

    private static long timeoutSeconds(String value) throws ApiException {
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid timeoutSeconds: \"" + value + "\"");
        }
    }

    private static String param(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("API connection failed: {}", cause.toString());
        ctx.close();
    }
}
