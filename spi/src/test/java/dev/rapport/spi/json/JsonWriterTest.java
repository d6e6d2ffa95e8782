package dev.rapport.spi.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The shared JSON writer")
class JsonWriterTest {

    @Test
    @DisplayName("writes nested objects and arrays with fields in the order given, two spaces per level")
    void layout() {
        // given
        JsonWriter json = JsonWriter.indented().beginObject()
                .field("b", "x")
                .field("a", 1)
                .name("list").beginArray().value(true).nullValue().beginObject().endObject().endArray()
                .name("empty").beginArray().endArray()
                .endObject();

        // when
        String text = json.toJson();

        // then
        assertThat(text).isEqualTo("""
                {
                  "b": "x",
                  "a": 1,
                  "list": [
                    true,
                    null,
                    {}
                  ],
                  "empty": []
                }""");
        assertThat(StrictJson.object(text).keySet()).containsExactly("b", "a", "list", "empty");
    }

    @Test
    @DisplayName("escapes quotes, backslashes, every control character, line separators and lone surrogates")
    void escapes() {
        // given
        StringBuilder hostile = new StringBuilder("\"quoted\" back\\slash /slash ");
        for (char c = 0; c < 0x20; c++) {
            hostile.append(c);
        }
        hostile.append('\u007f').append('\u2028').append('\u2029').append("\uD83D").append("x\uDE00")
                .append("emoji 🌷 中文 Łódź");

        // when
        String text = JsonWriter.indented().beginObject().field("s", hostile.toString()).endObject().toJson();

        // then
        assertThat(text.chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
        assertThat(text).contains("\\u0000", "\\u001f", "\\n", "\\t", "\\u2028", "\\ud83d", "\\ude00", "\\\"quoted\\\"",
                "back\\\\slash", "🌷");
        assertThat(StrictJson.object(text)).containsEntry("s", hostile.toString());
    }

    @Test
    @DisplayName("writes numbers and booleans as JSON literals")
    void literals() {
        // when
        String text = JsonWriter.indented().beginArray().value(Long.MIN_VALUE).value(0).value(false).endArray().toJson();

        // then
        assertThat(StrictJson.parse(text)).isEqualTo(List.of(new BigDecimal(Long.MIN_VALUE), BigDecimal.ZERO, false));
    }

    @Test
    @DisplayName("refuses misuse instead of writing broken JSON")
    void misuse() {
        assertThatThrownBy(() -> JsonWriter.indented().beginObject().value("no name"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonWriter.indented().beginArray().name("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonWriter.indented().beginObject().name("a").name("b"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonWriter.indented().beginObject().endArray()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonWriter.indented().beginObject().name("a").endObject())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonWriter.indented().beginObject().toJson()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonWriter.indented().value(1).value(2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonWriter.indented().toJson()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("writes compactly by default, with no white space between anything")
    void compactLayout() {
        // given
        JsonWriter json = new JsonWriter().beginObject()
                .field("b", "x")
                .field("a", 1)
                .name("list").beginArray().value(true).nullValue().beginObject().endObject().endArray()
                .name("empty").beginArray().endArray()
                .endObject();

        // when
        String text = json.toJson();

        // then
        assertThat(text).isEqualTo("{\"b\":\"x\",\"a\":1,\"list\":[true,null,{}],\"empty\":[]}");
        assertThat(JsonWriter.compact().beginArray().value("x").endArray().toJson()).isEqualTo("[\"x\"]");
    }

    @Test
    @DisplayName("writes the short escapes where JSON has them and lower-case \\u escapes for the rest")
    void exactEscapes() {
        // given every character the writer escapes, and a pair that it must not
        String text = "\"\\\b\f\n\r\t\u0000\u0007\u001f\u007f\u2028\u2029\uD800x\uDFFF/\uD83C\uDF37";

        // when
        String quoted = JsonWriter.quote(text);

        // then
        assertThat(quoted).isEqualTo("\"\\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u0007\\u001f\\u007f\\u2028\\u2029\\ud800x\\udfff/"
                + "\uD83C\uDF37\"");
        assertThat(StrictJson.parse(quoted)).isEqualTo(text);
    }

    @Test
    @DisplayName("writes decimals in plain notation, doubles as Java writes them, and refuses what JSON cannot hold")
    void numbers() {
        // when
        String text = new JsonWriter().beginArray().value(new BigDecimal("1E+3")).value(new BigDecimal("-0.5"))
                .value(0.25).value(-1e300).value(Long.MAX_VALUE).value((BigDecimal) null).endArray().toJson();

        // then
        assertThat(text).isEqualTo("[1000,-0.5,0.25,-1.0E300,9223372036854775807,null]");
        assertThat(StrictJson.parse(text)).isEqualTo(Arrays.asList(new BigDecimal("1000"), new BigDecimal("-0.5"),
                new BigDecimal("0.25"), new BigDecimal("-1.0E300"), new BigDecimal(Long.MAX_VALUE), null));
        assertThatThrownBy(() -> new JsonWriter().value(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JsonWriter().value(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("writes a tree of maps, lists and plain values in the maps' order")
    void tree() {
        // given
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("k", "v");
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", List.of(1L, -2, (short) 3, (byte) 4, "five"));
        value.put("a", true);
        value.put("n", null);
        value.put("o", inner);
        value.put("d", new BigDecimal("2.50"));
        value.put("i", new BigInteger("123456789012345678901234567890"));
        value.put("f", 1.5f);

        // when
        String text = JsonWriter.write(value);

        // then
        assertThat(text).isEqualTo("{\"z\":[1,-2,3,4,\"five\"],\"a\":true,\"n\":null,\"o\":{\"k\":\"v\"},"
                + "\"d\":2.50,\"i\":123456789012345678901234567890,\"f\":1.5}");
        assertThat(StrictJson.object(text).keySet()).containsExactly("z", "a", "n", "o", "d", "i", "f");
        assertThat(JsonWriter.indented().tree(List.of(Map.of("a", List.of()))).toJson())
                .isEqualTo("[\n  {\n    \"a\": []\n  }\n]");
    }

    @Test
    @DisplayName("refuses a tree holding what JSON cannot say, naming the type")
    void treeMisuse() {
        // given
        Map<Object, Object> numberKey = new LinkedHashMap<>();
        numberKey.put(1, "one");
        List<Object> withSet = new ArrayList<>();
        withSet.add(Set.of("x"));

        // when / then
        assertThatThrownBy(() -> JsonWriter.write(numberKey)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Integer");
        assertThatThrownBy(() -> JsonWriter.write(withSet)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Set");
        assertThatThrownBy(() -> JsonWriter.write(List.of(Double.NaN))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JsonWriter().beginObject().name(null)).isInstanceOf(NullPointerException.class);
    }
}
