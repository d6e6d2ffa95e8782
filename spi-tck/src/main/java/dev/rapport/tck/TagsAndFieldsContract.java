package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.field.FieldValue;
import dev.rapport.spi.validation.Limits;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The storage contract of tags and custom field values on cases and customers: they round-trip exactly, follow
 * updates, find cases by tag and by field value and customers by tag in the documented order, and values outside
 * the domain ({@link dev.rapport.spi.field.TagsAndFields}) are refused by field with nothing stored. Run by
 * {@link RapportStorageContract} as its nested group "Tags and custom fields"; not meant to be run on its own.
 */
public abstract class TagsAndFieldsContract {

    private static final Instant T0 = Instant.parse("2024-06-03T08:00:00.000001Z");

    private final Supplier<RapportStorage> storage;

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected TagsAndFieldsContract(Supplier<RapportStorage> storage) {
        this.storage = storage;
    }

    private RapportStorage storage() {
        return storage.get();
    }

    private Customer storedCustomer() {
        return storage().customers().insert(TestData.customer().build());
    }

    private static Map<String, FieldValue> everyKind() {
        Map<String, FieldValue> fields = new LinkedHashMap<>();
        fields.put("order_number", FieldValue.text("A-1001 «Übergröße» 注文"));
        fields.put("order_value", FieldValue.number(new BigDecimal("129.90")));
        fields.put("delivery_date", FieldValue.date(LocalDate.of(2024, 2, 29)));
        fields.put("carrier", FieldValue.choice("DHL Express"));
        return fields;
    }

    @Test
    @DisplayName("a case's tags and field values of every kind read back equal, one by one, in batches and in pages")
    void caseTagsAndFieldsRoundTrip() {
        // given
        Customer customer = storedCustomer();
        Case supportCase = TestData.supportCase(customer.id()).tags(Set.of("vip", "late-delivery", "été.2024"))
                .fields(everyKind()).build();

        // when
        Case stored = storage().cases().insert(supportCase);

        // then
        assertThat(stored).isEqualTo(supportCase.withVersion(1));
        assertThat(storage().cases().get(supportCase.id())).isEqualTo(stored);
        assertThat(storage().cases().findAllById(List.of(supportCase.id()))).containsEntry(supportCase.id(), stored);
        assertThat(storage().cases().findByCustomer(customer.id(), PageRequest.first()).items())
                .containsExactly(stored);
        assertThat(stored.fields().get("order_value")).isEqualTo(FieldValue.number(new BigDecimal("129.9")));
    }

    @Test
    @DisplayName("an update replaces a case's tags and field values: added, changed and removed ones alike")
    void caseUpdateReplacesTagsAndFields() {
        // given
        Customer customer = storedCustomer();
        Case stored = storage().cases().insert(TestData.supportCase(customer.id()).tags(Set.of("a", "b"))
                .fields(everyKind()).build());
        Map<String, FieldValue> changed = new LinkedHashMap<>(everyKind());
        changed.remove("carrier");
        changed.put("order_value", FieldValue.number(new BigDecimal("-0.5")));

        // when
        Case updated = storage().cases().update(stored.toBuilder().tags(Set.of("b", "c")).fields(changed).build());
        Case cleared = storage().cases().update(updated.toBuilder().tags(Set.of()).fields(Map.of()).build());

        // then
        assertThat(updated.tags()).containsExactlyInAnyOrder("b", "c");
        assertThat(cleared).isEqualTo(storage().cases().get(stored.id()));
        assertThat(cleared.tags()).isEmpty();
        assertThat(cleared.fields()).isEmpty();
        assertThat(storage().cases().findByTag("b", PageRequest.first()).items()).isEmpty();
    }

    @Test
    @DisplayName("cases are found by tag, exactly, ordered by creation time then id, page by page")
    void casesAreFoundByTag() {
        // given
        Customer customer = storedCustomer();
        List<Case> tagged = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tagged.add(storage().cases().insert(TestData.supportCase(customer.id())
                    .createdAt(T0.plus(Duration.ofMinutes(5 - i))).tags(Set.of("vip", "n" + i)).build()));
        }
        storage().cases().insert(TestData.supportCase(customer.id()).tags(Set.of("vip2", "VIP")).build());
        List<Case> expected = tagged.stream().sorted(java.util.Comparator.comparing(Case::createdAt)).toList();

        // when
        Page<Case> first = storage().cases().findByTag("vip", PageRequest.first(3));
        Page<Case> second = storage().cases().findByTag("vip", PageRequest.first(3).next());

        // then
        assertThat(first.items()).containsExactlyElementsOf(expected.subList(0, 3));
        assertThat(first.hasNext()).isTrue();
        assertThat(second.items()).containsExactlyElementsOf(expected.subList(3, 5));
        assertThat(second.hasNext()).isFalse();
        assertThat(storage().cases().findByTag("n2", PageRequest.first()).items()).containsExactly(tagged.get(2));
        assertThat(storage().cases().findByTag("nothing", PageRequest.first()).items()).isEmpty();
    }

    @Test
    @DisplayName("cases are found by field value: same field, same kind, same canonical value, 1.50 finding 1.5")
    void casesAreFoundByFieldValue() {
        // given
        Customer customer = storedCustomer();
        Case dhl = storage().cases().insert(TestData.supportCase(customer.id()).createdAt(T0)
                .fields(Map.of("carrier", FieldValue.choice("dhl"), "order_value",
                        FieldValue.number(new BigDecimal("1.5")))).build());
        Case dhlLater = storage().cases().insert(TestData.supportCase(customer.id()).createdAt(T0.plusSeconds(1))
                .fields(Map.of("carrier", FieldValue.choice("dhl"))).build());
        storage().cases().insert(TestData.supportCase(customer.id())
                .fields(Map.of("carrier", FieldValue.text("dhl"), "other", FieldValue.choice("dhl"))).build());

        // when
        List<Case> byChoice = storage().cases().findByField("carrier", FieldValue.choice("dhl"), PageRequest.first())
                .items();
        List<Case> byNumber = storage().cases().findByField("order_value",
                FieldValue.number(new BigDecimal("1.50")), PageRequest.first()).items();

        // then
        assertThat(byChoice).containsExactly(dhl, dhlLater);
        assertThat(byNumber).containsExactly(dhl);
        assertThat(storage().cases().findByField("order_value", FieldValue.number(new BigDecimal("15")),
                PageRequest.first()).items()).isEmpty();
        assertThat(storage().cases().findByField("carrier", FieldValue.choice("DHL"), PageRequest.first())
                .items()).isEmpty();
    }

    @Test
    @DisplayName("a customer's tags and field values read back equal, follow updates, and find the customer by tag")
    void customerTagsAndFieldsRoundTripAndFind() {
        // given
        Customer first = storage().customers().insert(TestData.customer().createdAt(T0)
                .tags(Set.of("vip", "b2b")).fields(Map.of("loyalty_points", FieldValue.number(BigDecimal.TEN),
                        "since", FieldValue.date(LocalDate.of(1, 1, 1)))).build());
        Customer second = storage().customers().insert(TestData.customer().createdAt(T0.plusSeconds(1))
                .tags(Set.of("vip")).build());

        // when
        Customer updated = storage().customers().update(first.toBuilder().tags(Set.of("b2b"))
                .fields(Map.of("since", FieldValue.date(LocalDate.of(9999, 12, 31)))).build());

        // then
        assertThat(storage().customers().get(first.id())).isEqualTo(updated);
        assertThat(updated.fields()).containsOnlyKeys("since");
        assertThat(storage().customers().findAllById(List.of(first.id(), second.id())).values())
                .containsExactlyInAnyOrder(updated, second);
        assertThat(storage().customers().list(PageRequest.first()).items()).containsExactly(updated, second);
        assertThat(storage().customers().findByTag("vip", PageRequest.first()).items()).containsExactly(second);
        assertThat(storage().customers().findByTag("b2b", PageRequest.first()).items()).containsExactly(updated);
    }

    @Test
    @DisplayName("the most tags and field values and the longest text a case may carry read back equal")
    void limitsRoundTrip() {
        // given
        Customer customer = storedCustomer();
        Set<String> tags = new LinkedHashSet<>();
        Map<String, FieldValue> fields = new LinkedHashMap<>();
        for (int i = 0; i < Limits.TAGS; i++) {
            tags.add("t" + i + "-" + "ü".repeat(60));
        }
        for (int i = 0; i < Limits.FIELDS; i++) {
            fields.put("f" + i, FieldValue.text("\u00e9\ud83d\ude00".repeat(Limits.FIELD_TEXT / 3)));
        }
        fields.put("f0", FieldValue.number(new BigDecimal("-999999999999999999999999.000000000001")));
        Case supportCase = TestData.supportCase(customer.id()).tags(tags).fields(fields).build();

        // when
        Case stored = storage().cases().insert(supportCase);

        // then
        assertThat(storage().cases().get(stored.id())).isEqualTo(supportCase.withVersion(1));
    }

    @Test
    @DisplayName("a case with a tag that is no code, or too many tags, is refused naming tags; nothing is stored")
    void badTagsAreRefused() {
        // given
        Customer customer = storedCustomer();
        Set<String> tooMany = new LinkedHashSet<>();
        for (int i = 0; i <= Limits.TAGS; i++) {
            tooMany.add("t" + i);
        }
        Case bad = TestData.supportCase(customer.id()).tags(Set.of("ok", "not a code")).build();
        Case many = TestData.supportCase(customer.id()).tags(tooMany).build();

        // when
        ValidationException badTag = catchThrowableOfType(() -> storage().cases().insert(bad),
                ValidationException.class);
        ValidationException tooManyTags = catchThrowableOfType(() -> storage().cases().insert(many),
                ValidationException.class);

        // then
        assertThat(badTag.violations()).extracting(ValidationException.Violation::field).contains("tags");
        assertThat(tooManyTags.violations()).extracting(ValidationException.Violation::rule).contains("Size");
        assertThat(storage().cases().findById(bad.id())).isEmpty();
        assertThat(storage().cases().findById(many.id())).isEmpty();
        assertThat(storage().cases().findByTag("ok", PageRequest.first()).items()).isEmpty();
    }

    @Test
    @DisplayName("field values outside the domain are refused naming the field, on insert and update; nothing changes")
    void badFieldValuesAreRefused() {
        // given
        Customer customer = storedCustomer();
        Case stored = storage().cases().insert(TestData.supportCase(customer.id()).tags(Set.of("kept"))
                .fields(Map.of("note", FieldValue.text("kept"))).build());
        Map<String, FieldValue> tooLong = Map.of("note", FieldValue.text("x".repeat(Limits.FIELD_TEXT + 1)));
        Map<String, FieldValue> control = Map.of("note", FieldValue.text("bell\u0007"));
        Map<String, FieldValue> badName = Map.of("no name", FieldValue.text("x"));

        // when
        ValidationException longText = catchThrowableOfType(() -> storage().cases().update(
                stored.toBuilder().tags(Set.of("new")).fields(tooLong).build()), ValidationException.class);
        ValidationException controlChar = catchThrowableOfType(() -> storage().cases().update(
                stored.toBuilder().fields(control).build()), ValidationException.class);
        ValidationException name = catchThrowableOfType(() -> storage().customers().insert(
                TestData.customer().fields(badName).build()), ValidationException.class);

        // then
        assertThat(longText.violations()).extracting(ValidationException.Violation::field).contains("fields[note]");
        assertThat(controlChar.violations()).extracting(ValidationException.Violation::rule).contains("PlainText");
        assertThat(name.violations()).extracting(ValidationException.Violation::field).contains("fields");
        assertThat(storage().cases().get(stored.id())).isEqualTo(stored);
        assertThat(storage().customers().count()).isEqualTo(1);
    }

    @Test
    @DisplayName("a case moved to another customer keeps its tags and fields; a retired customer's tags find nothing")
    void mergeKeepsCaseTagsAndDropsRetiredCustomers() {
        // given
        Customer into = storedCustomer();
        Customer merged = storage().customers().insert(TestData.customer().tags(Set.of("merged-away")).build());
        Case moved = storage().cases().insert(TestData.supportCase(merged.id()).tags(Set.of("vip"))
                .fields(everyKind()).build());

        // when
        storage().transactions().inTransaction(() -> {
            storage().customerMerges().reassign(merged.id(), into.id());
            storage().customerMerges().retire(new dev.rapport.spi.customer.CustomerMerge(merged.id(), into.id(),
                    TestData.now(), "contract"));
            return null;
        });

        // then
        Case after = storage().cases().get(moved.id());
        assertThat(after.customerId()).isEqualTo(into.id());
        assertThat(after.tags()).containsExactly("vip");
        assertThat(after.fields()).isEqualTo(moved.fields());
        assertThat(storage().customers().findByTag("merged-away", PageRequest.first()).items()).isEmpty();
        assertThat(storage().cases().findByTag("vip", PageRequest.first()).items()).extracting(Case::customerId)
                .containsExactly(into.id());
    }
}
