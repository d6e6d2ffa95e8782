package dev.rapport.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.Rapport;
import dev.rapport.spi.RapportConfigurationException;
import dev.rapport.spi.field.FieldKind;
import dev.rapport.tck.memory.InMemoryStorage;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The custom field schema")
class FieldSchemaTest {

    private static InvalidFieldSchemaException buildWith(FieldSchema schema) {
        return catchThrowableOfType(() -> Rapport.builder().storage(new InMemoryStorage()).customFields(schema)
                .build(), InvalidFieldSchemaException.class);
    }

    static List<Arguments> badSchemas() {
        UnaryOperator<FieldSchema.Builder> blankName = b -> b.caseNumber(" ");
        return List.of(
                Arguments.of("a name with a space", (UnaryOperator<FieldSchema.Builder>) b -> b.caseNumber("order value"),
                        FieldScope.CASE, "order value", "Code"),
                Arguments.of("a blank name", blankName, FieldScope.CASE, " ", "Code"),
                Arguments.of("a null name", (UnaryOperator<FieldSchema.Builder>) b -> b.customerDate(null),
                        FieldScope.CUSTOMER, null, "Code"),
                Arguments.of("a control character", (UnaryOperator<FieldSchema.Builder>) b -> b.caseDate("due\u0000"),
                        FieldScope.CASE, "due\u0000", "Code"),
                Arguments.of("a name of 65 characters",
                        (UnaryOperator<FieldSchema.Builder>) b -> b.caseDate("d".repeat(65)), FieldScope.CASE,
                        "d".repeat(65), "Code"),
                Arguments.of("a duplicate name", (UnaryOperator<FieldSchema.Builder>) b -> b.caseNumber("sku")
                        .caseText("sku", 10), FieldScope.CASE, "sku", "Unique"),
                Arguments.of("an empty choice list", (UnaryOperator<FieldSchema.Builder>) b -> b.caseChoice("carrier"),
                        FieldScope.CASE, "carrier", "NotEmpty"),
                Arguments.of("a blank choice", (UnaryOperator<FieldSchema.Builder>) b -> b.customerChoice("tier",
                        "gold", " "), FieldScope.CUSTOMER, "tier", "Choice"),
                Arguments.of("a null choice", (UnaryOperator<FieldSchema.Builder>) b -> b.customerChoice("tier",
                        "gold", null), FieldScope.CUSTOMER, "tier", "Choice"),
                Arguments.of("a repeated choice", (UnaryOperator<FieldSchema.Builder>) b -> b.customerChoice("tier",
                        "gold", "gold"), FieldScope.CUSTOMER, "tier", "UniqueChoice"),
                Arguments.of("a text field of length 0", (UnaryOperator<FieldSchema.Builder>) b -> b.caseText("note",
                        0), FieldScope.CASE, "note", "MaxLength"),
                Arguments.of("a text field longer than the limit",
                        (UnaryOperator<FieldSchema.Builder>) b -> b.caseText("note", 2_001), FieldScope.CASE, "note",
                        "MaxLength"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSchemas")
    @DisplayName("a bad schema fails the build naming the field and the rule")
    void badSchemaFailsTheBuild(String what, UnaryOperator<FieldSchema.Builder> declare, FieldScope scope,
            String field, String rule) {
        // given
        FieldSchema schema = declare.apply(FieldSchema.builder()).build();

        // when
        InvalidFieldSchemaException thrown = buildWith(schema);

        // then
        assertThat(thrown).as(what).isNotNull();
        assertThat(thrown.property()).isEqualTo("customFields");
        assertThat(thrown.scope()).isEqualTo(scope);
        assertThat(thrown.field()).isEqualTo(field);
        assertThat(thrown.rule()).isEqualTo(rule);
        assertThat(thrown.getMessage()).contains(rule).doesNotContain("\u0000");
    }

    @Test
    @DisplayName("a scope with more than 50 fields fails the build with rule Size")
    void tooManyFields() {
        // given
        FieldSchema.Builder builder = FieldSchema.builder();
        for (int i = 0; i <= 50; i++) {
            builder.caseNumber("n" + i);
        }

        // when
        InvalidFieldSchemaException thrown = buildWith(builder.build());

        // then
        assertThat(thrown.rule()).isEqualTo("Size");
        assertThat(thrown.field()).isEqualTo("n50");
    }

    @Test
    @DisplayName("the same name on cases and on customers is allowed, and a good schema builds")
    void goodSchemaBuilds() {
        // given
        FieldSchema schema = FieldSchema.builder().caseText("ref", 40).customerText("ref", 10)
                .caseChoice("carrier", "dhl", "ups").caseDate("due").customerNumber("points").build();

        // when
        Rapport rapport = Rapport.builder().storage(new InMemoryStorage()).customFields(schema).build();

        // then
        assertThat(rapport).isNotNull();
        assertThat(schema.find(FieldScope.CASE, "carrier")).get().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(FieldKind.CHOICE);
            assertThat(d.choices()).containsExactly("dhl", "ups");
        });
        assertThat(schema.find(FieldScope.CUSTOMER, "carrier")).isEmpty();
        rapport.close();
    }

    @Test
    @DisplayName("a null schema fails the build naming customFields")
    void nullSchema() {
        // when
        RapportConfigurationException thrown = catchThrowableOfType(() -> Rapport.builder()
                .storage(new InMemoryStorage()).customFields(null).build(), RapportConfigurationException.class);

        // then
        assertThat(thrown.property()).isEqualTo("customFields");
    }

    @Test
    @DisplayName("the choices given to the builder are copied: changing the array later changes nothing")
    void choicesAreCopied() {
        // given
        String[] choices = {"dhl", "ups"};
        FieldSchema schema = FieldSchema.builder().caseChoice("carrier", choices).build();

        // when
        choices[0] = "fedex";

        // then
        assertThat(schema.find(FieldScope.CASE, "carrier").orElseThrow().choices()).isEqualTo(
                Arrays.asList("dhl", "ups"));
    }
}
