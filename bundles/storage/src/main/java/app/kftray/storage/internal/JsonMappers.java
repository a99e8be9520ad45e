package app.kftray.storage.internal;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.concurrent.CompletableFuture;

/** The Jackson mapper of the storage bundle. */
final class JsonMappers {
    private JsonMappers() {
    }

    /**
     * @return the mapper the bundle's stores share, built once in the background from the first call on: the
     *         process's first mapper loads a few hundred classes, which the framework's start need not wait for
     */
    static CompletableFuture<ObjectMapper> shared() {
        return Shared.MAPPER;
    }

    private static final class Shared {
        static final CompletableFuture<ObjectMapper> MAPPER = CompletableFuture.supplyAsync(JsonMappers::kftray);
    }

    /**
     * @return a mapper that rejects duplicate keys and anything after the value (a second
     *         array pasted after the first, say), and writes indented JSON
     */
    static ObjectMapper kftray() {
        return JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }
}
