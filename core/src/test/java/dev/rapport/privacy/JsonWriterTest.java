package dev.rapport.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The JSON writer of the export")
class JsonWriterTest {

    @Test
    @DisplayName("writes nested objects and arrays with fields in the order given, two spaces per level")
    void layout() {
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
        String text = new JsonWriter().beginObject().field("s", hostile.toString()).endObject().toJson();

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
        String text = new JsonWriter().beginArray().value(Long.MIN_VALUE).value(0).value(false).endArray().toJson();

        // then
        assertThat(StrictJson.parse(text)).isEqualTo(List.of(new BigDecimal(Long.MIN_VALUE), BigDecimal.ZERO, false));
    }

    @Test
    @DisplayName("refuses misuse instead of writing broken JSON")
    void misuse() {
        assertThatThrownBy(() -> new JsonWriter().beginObject().value("no name"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginArray().name("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginObject().name("a").name("b"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginObject().endArray()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginObject().name("a").endObject())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginObject().toJson()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().value(1).value(2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().toJson()).isInstanceOf(IllegalStateException.class);
    }
}
