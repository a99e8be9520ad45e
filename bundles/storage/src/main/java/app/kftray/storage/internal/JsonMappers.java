package app.kftray.storage.internal;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The Jackson mapper of the storage bundle. */
final class JsonMappers {
    private JsonMappers() {
    }

    /** @return a mapper that rejects duplicate keys and writes indented JSON */
    static ObjectMapper kftray() {
        return JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }
}
