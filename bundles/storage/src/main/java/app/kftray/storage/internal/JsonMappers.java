package app.kftray.storage.internal;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The Jackson mapper of the storage bundle. */
final class JsonMappers {
    private JsonMappers() {
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
