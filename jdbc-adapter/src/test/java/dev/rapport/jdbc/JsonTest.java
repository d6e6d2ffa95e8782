package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The adapter's JSON encoding")
class JsonTest {

    @Test
    @DisplayName("writes and reads nested objects, arrays, numbers, booleans and null in order")
    void nested() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", List.of(1L, -2L, "three"));
        value.put("a", true);
        value.put("n", null);
        value.put("o", Map.of("k", "v"));

        String json = Json.write(value);

        assertThat(json).isEqualTo("{\"z\":[1,-2,\"three\"],\"a\":true,\"n\":null,\"o\":{\"k\":\"v\"}}");
        assertThat(Json.read(json)).isEqualTo(value);
        assertThat(Json.readObject(json).keySet()).containsExactly("z", "a", "n", "o");
    }

    @Test
    @DisplayName("rejects malformed text")
    void malformed() {
        assertThatThrownBy(() -> Json.read("{\"a\":1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.read("[1] x")).isInstanceOf(IllegalArgumentException.class);
    }
}
