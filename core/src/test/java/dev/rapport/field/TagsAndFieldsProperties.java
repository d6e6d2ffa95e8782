package dev.rapport.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.cases.CaseTags;
import dev.rapport.cases.OpenCase;
import dev.rapport.cases.SetCaseFields;
import dev.rapport.customer.CustomerTags;
import dev.rapport.customer.SetCustomerFields;
import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.field.FieldValue;
import dev.rapport.spi.field.TagsAndFields;
import dev.rapport.testing.StoreSnapshot;
import dev.rapport.testing.TestRapport;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import dev.rapport.testing.BoundaryTries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.Provide;

/**
 * Tags and custom field values under hostile input, through the commands: a tag, field name or value that is not
 * allowed is refused with a {@link ValidationException} naming it ({@code tags...} or {@code fields[...]} /
 * {@code values...}), and nothing is stored; allowed input is stored and reads back as given (tags normalised).
 */
@AddLifecycleHook(BoundaryTries.class)
@Label("Tags and custom fields under hostile input")
class TagsAndFieldsProperties {

    private static final FieldSchema SCHEMA = FieldSchema.builder()
            .caseText("note", 20)
            .caseNumber("amount")
            .caseDate("due")
            .caseChoice("carrier", "dhl", "ups", "Colis privé")
            .customerText("note", 20)
            .build();

    @Property(tries = 300)
    @Label("adding hostile tags to a case or a customer is refused by name with nothing stored, or stores them normalised")
    void hostileTags(@ForAll("tags") String tag, @ForAll boolean onCustomer) {
        // given
        TestRapport t = new TestRapport(b -> b.customFields(SCHEMA));
        Customer customer = t.customer();
        Case opened = t.rapport().cases().open(OpenCase.builder().customerId(customer.id()).subject("s")
                .originChannel(Channel.EMAIL).build());
        StoreSnapshot before = t.snapshot();
        Set<String> tags = new LinkedHashSet<>();
        tags.add(tag);
        String normal = Tags.normalise(tag);
        boolean good = TagsAndFields.isCode(normal);

        // when
        Throwable thrown = catchThrowable(() -> {
            if (onCustomer) {
                t.rapport().customers().addTags(new CustomerTags(customer.id(), tags));
            } else {
                t.rapport().cases().addTags(new CaseTags(opened.id(), tags));
            }
        });

        // then
        if (good) {
            assertThat(thrown).isNull();
            Set<String> stored = onCustomer ? t.storage().customers().get(customer.id()).tags()
                    : t.storage().cases().get(opened.id()).tags();
            assertThat(stored).containsExactly(normal);
        } else {
            assertThat(thrown).isInstanceOf(ValidationException.class);
            assertThat(((ValidationException) thrown).violations())
                    .allSatisfy(v -> assertThat(v.field()).startsWith("tags"));
            assertThat(t.snapshot()).isEqualTo(before);
        }
    }

    @Property(tries = 400)
    @Label("setting a hostile field name or value is refused naming the field with nothing stored, or stores it")
    void hostileFields(@ForAll("names") String name, @ForAll("values") FieldValue value, @ForAll boolean onCustomer) {
        // given
        TestRapport t = new TestRapport(b -> b.customFields(SCHEMA));
        Customer customer = t.customer();
        Case opened = t.rapport().cases().open(OpenCase.builder().customerId(customer.id()).subject("s")
                .originChannel(Channel.EMAIL).build());
        StoreSnapshot before = t.snapshot();
        Map<String, FieldValue> values = new HashMap<>();
        values.put(name, value);
        boolean good = expectedGood(name, value, onCustomer);

        // when
        Throwable thrown = catchThrowable(() -> {
            if (onCustomer) {
                t.rapport().customers().setFields(SetCustomerFields.of(customer.id(), values));
            } else {
                t.rapport().cases().setFields(SetCaseFields.of(opened.id(), values));
            }
        });

        // then
        if (good) {
            assertThat(thrown).isNull();
            Map<String, FieldValue> stored = onCustomer ? t.storage().customers().get(customer.id()).fields()
                    : t.storage().cases().get(opened.id()).fields();
            assertThat(stored).containsExactly(Map.entry(name, value));
        } else {
            assertThat(thrown).as("%s = %s", name, value).isInstanceOf(ValidationException.class);
            assertThat(((ValidationException) thrown).violations()).isNotEmpty()
                    .allSatisfy(v -> assertThat(v.field()).satisfiesAnyOf(
                            f -> assertThat(f).startsWith("values"), f -> assertThat(f).startsWith("fields[")));
            assertThat(t.snapshot()).isEqualTo(before);
        }
    }

    private static boolean expectedGood(String name, FieldValue value, boolean onCustomer) {
        if (name == null || value == null || !TagsAndFields.isCode(name)) {
            return false;
        }
        if (!TagsAndFields.violations(Set.of(), Map.of(name, value)).isEmpty()) {
            return false;
        }
        FieldScope scope = onCustomer ? FieldScope.CUSTOMER : FieldScope.CASE;
        return FieldChecks.violations(SCHEMA, scope, Map.of(name, value), Set.of()).isEmpty();
    }

    @Provide
    Arbitrary<String> tags() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars('-', '_', '.', ' ', 'İ', 'ß', 'É')
                        .ofMinLength(0).ofMaxLength(70),
                Arbitraries.of("", " ", "\t", "vip\u0000", "bell\u0007", "a b", "-lead", "\uD83D\uDE00",
                        "\uD800", "x".repeat(64), "x".repeat(65), " VIP ", "Cafe\u0301", "I\u0307stanbul",
                        "<script>", "'; DROP TABLE case_tag; --"));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.of("note", "amount", "due", "carrier", "unknown", "", " ", "no te", "note\u0000",
                        "x".repeat(65), "'; DROP TABLE case_field; --"),
                Arbitraries.just(null));
    }

    @Provide
    Arbitrary<FieldValue> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMinLength(0).ofMaxLength(25).map(s -> s.isEmpty() ? " " : s)
                        .map(FieldValue::text),
                Arbitraries.of("\u0000", "line\nbreak", "\uD800", "x".repeat(2_001), "ok", "Colis privé")
                        .map(FieldValue::text),
                Arbitraries.of("dhl", "ups", "DHL", "Colis privé", "fedex", "\u0007").map(FieldValue::choice),
                Arbitraries.bigDecimals().ofScale(3).map(FieldValue::number),
                Arbitraries.of(new BigDecimal("1e30"), new BigDecimal("0.0000000000001"), new BigDecimal("-0.00"))
                        .map(FieldValue::number),
                Arbitraries.of(LocalDate.of(2025, 1, 1), LocalDate.MIN, LocalDate.of(10_000, 1, 1))
                        .map(FieldValue::date),
                Arbitraries.just(null));
    }
}
