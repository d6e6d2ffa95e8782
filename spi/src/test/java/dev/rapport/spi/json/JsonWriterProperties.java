package dev.rapport.spi.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The shared JSON writer under arbitrary strings and trees: whatever Java string or tree of plain values goes in comes
 * out of a real, strict parser (Jackson) unchanged, compact or indented.
 */
@Label("The shared JSON writer under arbitrary text")
class JsonWriterProperties {

    @Property(tries = 300)
    @Label("any string survives a round trip through a strict parser, as a name and as a value")
    void anyStringRoundTrips(@ForAll("anyText") String name, @ForAll("anyText") String value) {
        // given
        Assume.that(!name.equals("list"));
        String text = JsonWriter.indented().beginObject().field(name, value).name("list").beginArray().value(value)
                .endArray().endObject().toJson();

        // when
        Map<String, Object> parsed = StrictJson.object(text);

        // then
        assertThat(parsed).containsEntry(name, value);
        assertThat(parsed.get("list")).isEqualTo(List.of(value));
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars("\"\\/\n\r\t\b\f\u0000\u001f\u2028\uD800\uDFFF aé🌷").ofMaxLength(20));
    }

    @Property(tries = 300)
    @Label("any tree of maps, lists, strings, numbers, booleans and null survives a round trip, compact or indented")
    void anyTreeRoundTrips(@ForAll("trees") Object tree) {
        // given
        String compact = JsonWriter.write(tree);
        String indented = JsonWriter.indented().tree(tree).toJson();

        // when
        Object fromCompact = StrictJson.parse(compact);
        Object fromIndented = StrictJson.parse(indented);

        // then
        assertThat(fromCompact).isEqualTo(decimals(tree));
        assertThat(fromIndented).isEqualTo(decimals(tree));
        assertThat(compact.chars().filter(c -> c < 0x20)).isEmpty();
    }

    @Provide
    Arbitrary<Object> trees() {
        return tree(3);
    }

    private Arbitrary<Object> tree(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(anyText().map(t -> (Object) t),
                Arbitraries.longs().map(l -> (Object) l), Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.bigDecimals().ofScale(3).map(d -> (Object) d), Arbitraries.just(null));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> list = tree(depth - 1).list().ofMaxSize(4).map(l -> (Object) l);
        Arbitrary<Object> map = Arbitraries.maps(anyText(), tree(depth - 1)).ofMaxSize(4)
                .map(m -> (Object) new LinkedHashMap<>(m));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(1, list), net.jqwik.api.Tuple.of(1, map));
    }

    /** The tree as the parser gives it back: every number a BigDecimal. */
    private static Object decimals(Object tree) {
        if (tree instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (tree instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(e -> out.add(decimals(e)));
            return out;
        }
        if (tree instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, decimals(v)));
            return out;
        }
        return tree;
    }
}
