package app.kftray.emulator.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the API server refuses, carrying what the real server puts in its {@code Status} body:
 * HTTP code, reason and message, optionally the object's name and kind.
 */
public final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;
    private final String name;
    private final String kind;

    public ApiException(int code, String reason, String message, String name, String kind) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.name = name;
        this.kind = kind;
    }

    public static ApiException notFound(String resource, String name) {
        return new ApiException(404, "NotFound", resource + " \"" + name + "\" not found", name, resource);
    }

    public static ApiException unknownResource() {
        return new ApiException(404, "NotFound", "the server could not find the requested resource", null, null);
    }

    public static ApiException alreadyExists(String resource, String name) {
        return new ApiException(409, "AlreadyExists", resource + " \"" + name + "\" already exists", name, resource);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message, null, null);
    }

    /** 422: {@code Kind "name" is invalid: field: detail}. */
    public static ApiException invalid(String kind, String name, String field, String detail) {
        return new ApiException(422, "Invalid",
                kind + " \"" + name + "\" is invalid: " + field + ": " + detail, name, kind);
    }

    public static ApiException methodNotAllowed(String method) {
        return new ApiException(405, "MethodNotAllowed",
                "the server does not allow this method on the requested resource", null, null);
    }

    public static ApiException expired(long requested, long oldest) {
        return new ApiException(410, "Expired",
                "too old resource version: " + requested + " (" + oldest + ")", null, null);
    }

    public static ApiException unauthorized() {
        return new ApiException(401, "Unauthorized", "Unauthorized", null, null);
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** The {@code meta.k8s.io/v1 Status} object kubectl and fabric8 decode into their error messages. */
    public ObjectNode toStatus() {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", getMessage());
        status.put("reason", reason);
        if (name != null || kind != null) {
            ObjectNode details = status.putObject("details");
            if (name != null) {
                details.put("name", name);
            }
            if (kind != null) {
                details.put("kind", kind);
            }
        }
        status.put("code", code);
        return status;
    }
}
