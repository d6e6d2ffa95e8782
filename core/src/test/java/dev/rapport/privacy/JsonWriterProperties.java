package dev.rapport.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The export's JSON writer under arbitrary strings: whatever Java string goes in comes out of a strict parser. */
@Label("The JSON writer of the export under arbitrary text")
class JsonWriterProperties {

    @Property(tries = 300)
    @Label("any string survives a round trip through a strict parser, as a name and as a value")
    void anyStringRoundTrips(@ForAll("anyText") String name, @ForAll("anyText") String value) {
        // given
        Assume.that(!name.equals("list"));
        String text = new JsonWriter().beginObject().field(name, value).name("list").beginArray().value(value)
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

}
