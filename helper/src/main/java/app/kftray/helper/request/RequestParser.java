package app.kftray.helper.request;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Turns one request line into a {@link HelperRequest}, checking every field against
 * {@link FieldRules} and refusing anything the protocol does not define.
 */
public final class RequestParser {
    /** The protocol version this helper speaks. */
    public static final int PROTOCOL_VERSION = 1;
    /** Most entries or ids in one request. */
    public static final int MAX_ITEMS = 256;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RequestParser() {
    }

    /**
     * @param line the request, without its newline
     * @param uid  the caller, who will own what the request adds
     * @return the validated request
     * @throws BadRequestException naming the first problem
     */
    public static HelperRequest parse(byte[] line, int uid) throws BadRequestException {
        ObjectNode request = object(line);
        int version = intField(request, "version");
        if (version != PROTOCOL_VERSION) {
            throw new BadRequestException("version: " + version + " is not supported; this helper speaks version "
                    + PROTOCOL_VERSION);
        }
        String op = textField(request, "op");
        return switch (op) {
            case "ping" -> only(request, Set.of(), new HelperRequest.Ping());
            case "version" -> only(request, Set.of(), new HelperRequest.Version());
            case "status" -> only(request, Set.of(), new HelperRequest.Status());
            case "hosts.add" -> only(request, Set.of("entries"), new HelperRequest.HostsAdd(entries(request, uid)));
            case "hosts.remove" -> only(request, Set.of("ids"), new HelperRequest.HostsRemove(ids(request)));
            case "hosts.list" -> only(request, Set.of(), new HelperRequest.HostsList());
            case "hosts.remove_all" -> only(request, Set.of(), new HelperRequest.HostsRemoveAll());
            case "loopback.allocate" -> only(request, Set.of("key"),
                    new HelperRequest.LoopbackAllocate(FieldRules.id("key", textField(request, "key"))));
            case "loopback.release" -> only(request, Set.of("address"),
                    new HelperRequest.LoopbackRelease(FieldRules.loopbackAddress("address", textField(request, "address"))));
            case "socket.bind" -> only(request, Set.of("address", "port"), new HelperRequest.SocketBind(
                    FieldRules.loopbackAddress("address", textField(request, "address")),
                    FieldRules.lowPort(intField(request, "port"))));
            default -> throw new BadRequestException("op: \"" + FieldRules.printable(op) + "\" is not an operation of "
                    + "this helper");
        };
    }

    private static ObjectNode object(byte[] line) throws BadRequestException {
        if (line.length == 0) {
            throw new BadRequestException("request is empty");
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("request is not valid JSON: " + FieldRules.printable(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new BadRequestException("request cannot be read: " + FieldRules.printable(String.valueOf(e.getMessage())));
        }
        if (!(node instanceof ObjectNode object)) {
            throw new BadRequestException("request must be one JSON object");
        }
        return object;
    }

    /** Refuses fields beyond {@code version}, {@code op} and the operation's own. */
    private static HelperRequest only(ObjectNode request, Set<String> fields, HelperRequest parsed)
            throws BadRequestException {
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("version") && !name.equals("op") && !fields.contains(name)) {
                throw new BadRequestException(FieldRules.printable(name) + ": is not a field of this operation");
            }
        }
        return parsed;
    }

    private static List<HostEntry> entries(ObjectNode request, int uid) throws BadRequestException {
        List<HostEntry> entries = new ArrayList<>();
        for (JsonNode item : array(request, "entries")) {
            if (!(item instanceof ObjectNode entry)) {
                throw new BadRequestException("entries: every entry must be an object");
            }
            for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!Set.of("id", "name", "address").contains(name)) {
                    throw new BadRequestException("entries: " + FieldRules.printable(name) + " is not a field of an entry");
                }
            }
            entries.add(new HostEntry(uid, FieldRules.id("id", textField(entry, "id")),
                    FieldRules.hostName(textField(entry, "name")),
                    FieldRules.loopbackAddress("address", textField(entry, "address"))));
        }
        return List.copyOf(entries);
    }

    private static List<String> ids(ObjectNode request) throws BadRequestException {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : array(request, "ids")) {
            if (!item.isTextual()) {
                throw new BadRequestException("ids: every id must be a string");
            }
            ids.add(FieldRules.id("ids", item.textValue()));
        }
        return List.copyOf(ids);
    }

    private static JsonNode array(ObjectNode request, String field) throws BadRequestException {
        JsonNode array = request.get(field);
        if (array == null || !array.isArray()) {
            throw new BadRequestException(field + ": must be a list");
        }
        if (array.isEmpty() || array.size() > MAX_ITEMS) {
            throw new BadRequestException(field + ": must hold 1-" + MAX_ITEMS + " items");
        }
        return array;
    }

    private static String textField(ObjectNode node, String field) throws BadRequestException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new BadRequestException(field + ": is missing");
        }
        if (!value.isTextual()) {
            throw new BadRequestException(field + ": must be a string");
        }
        return value.textValue();
    }

    private static int intField(ObjectNode node, String field) throws BadRequestException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new BadRequestException(field + ": is missing");
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new BadRequestException(field + ": must be a whole number");
        }
        return value.intValue();
    }
}
