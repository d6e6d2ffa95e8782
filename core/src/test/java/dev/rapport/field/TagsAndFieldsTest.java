package dev.rapport.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.cases.CaseTags;
import dev.rapport.cases.OpenCase;
import dev.rapport.cases.SetCaseFields;
import dev.rapport.customer.CustomerTags;
import dev.rapport.customer.SetCustomerFields;
import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.kpi.KpiResult;
import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.event.CustomerUpdated;
import dev.rapport.spi.field.FieldValue;
import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.testing.StoreSnapshot;
import dev.rapport.testing.TestRapport;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Tags and custom fields through the services")
class TagsAndFieldsTest {

    private static final FieldSchema SCHEMA = FieldSchema.builder()
            .caseText("order_number", 12)
            .caseNumber("order_value")
            .caseDate("delivery_date")
            .caseChoice("carrier", "dhl", "ups")
            .customerNumber("loyalty_points")
            .customerChoice("tier", "gold", "silver")
            .build();

    private final TestRapport t = new TestRapport(b -> b.customFields(SCHEMA));

    private Case open(Customer customer, String... tags) {
        OpenCase.Builder command = OpenCase.builder().customerId(customer.id()).subject("Where is my parcel?")
                .originChannel(Channel.EMAIL);
        for (String tag : tags) {
            command.tag(tag);
        }
        return t.rapport().cases().open(command.build());
    }

    @Test
    @DisplayName("a case opened with tags and field values keeps them, its tags normalised")
    void openWithTagsAndFields() {
        // given
        Customer customer = t.customer();

        // when
        Case opened = t.rapport().cases().open(OpenCase.builder().customerId(customer.id()).subject("Late")
                .originChannel(Channel.EMAIL).tag(" VIP ").tag("Late-Delivery")
                .field("carrier", FieldValue.choice("dhl"))
                .field("order_value", FieldValue.number(new BigDecimal("49.90"))).build());

        // then
        Case stored = t.storage().cases().get(opened.id());
        assertThat(stored.tags()).containsExactlyInAnyOrder("vip", "late-delivery");
        assertThat(stored.fields()).containsEntry("carrier", FieldValue.choice("dhl"))
                .containsEntry("order_value", FieldValue.number(new BigDecimal("49.9")));
    }

    @Test
    @DisplayName("tags are added and removed by their normal form; repeating a change writes nothing")
    void addAndRemoveCaseTags() {
        // given
        Case opened = open(t.customer(), "vip");

        // when
        Case added = t.rapport().cases().addTags(CaseTags.of(opened.id(), "Fragile", "VIP"));
        Case again = t.rapport().cases().addTags(CaseTags.of(opened.id(), "fragile"));
        Case removed = t.rapport().cases().removeTags(CaseTags.of(opened.id(), "vip", "unknown"));

        // then
        assertThat(added.tags()).containsExactlyInAnyOrder("vip", "fragile");
        assertThat(again.version()).isEqualTo(added.version());
        assertThat(removed.tags()).containsExactly("fragile");
        assertThat(t.rapport().cases().findByTag("FRAGILE", PageRequest.first()).items())
                .extracting(Case::id).containsExactly(opened.id());
    }

    @Test
    @DisplayName("values are set and cleared, and cases are found by field value")
    void setAndClearCaseFields() {
        // given
        Case first = open(t.customer());
        t.clock().advance(Duration.ofSeconds(1));
        Case second = open(t.customer());

        // when
        t.rapport().cases().setFields(SetCaseFields.of(first.id(), Map.of("carrier", FieldValue.choice("ups"),
                "delivery_date", FieldValue.date(LocalDate.of(2025, 3, 1)))));
        t.rapport().cases().setFields(SetCaseFields.of(second.id(), Map.of("carrier", FieldValue.choice("ups"))));
        Case cleared = t.rapport().cases().setFields(new SetCaseFields(first.id(), Map.of(), Set.of("delivery_date")));

        // then
        assertThat(cleared.fields()).containsOnlyKeys("carrier");
        assertThat(t.rapport().cases().findByField("carrier", FieldValue.choice("ups"), PageRequest.first()).items())
                .extracting(Case::id).containsExactly(first.id(), second.id());
    }

    @Test
    @DisplayName("a value that does not fit the schema is refused naming the field and rule, and nothing is stored")
    void valuesAreCheckedAgainstTheSchema() {
        // given
        Case opened = open(t.customer());
        Map<String, FieldValue> bad = new LinkedHashMap<>();
        bad.put("sku", FieldValue.text("A-1"));
        bad.put("order_value", FieldValue.text("12"));
        bad.put("carrier", FieldValue.choice("fedex"));
        bad.put("order_number", FieldValue.text("1234567890123"));
        bad.put("delivery_date", FieldValue.date(LocalDate.of(2025, 1, 1)));
        StoreSnapshot before = t.snapshot();

        // when
        ValidationException thrown = catchThrowableOfType(() -> t.rapport().cases().setFields(
                SetCaseFields.of(opened.id(), bad)), ValidationException.class);

        // then
        assertThat(thrown.violations()).extracting(v -> v.field() + " " + v.rule()).containsExactlyInAnyOrder(
                "fields[sku] Declared", "fields[order_value] Kind", "fields[carrier] Choice",
                "fields[order_number] MaxLength");
        assertThat(t.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("opening a case with an undeclared field or a bad tag is refused by field, and no case is stored")
    void openRefusesBadTagsAndFields() {
        // given
        Customer customer = t.customer();
        StoreSnapshot before = t.snapshot();

        // when
        ValidationException field = catchThrowableOfType(() -> t.rapport().cases().open(OpenCase.builder()
                .customerId(customer.id()).subject("x").originChannel(Channel.EMAIL)
                .field("customer_field", FieldValue.number(BigDecimal.ONE)).build()), ValidationException.class);
        ValidationException tag = catchThrowableOfType(() -> t.rapport().cases().open(OpenCase.builder()
                .customerId(customer.id()).subject("x").originChannel(Channel.EMAIL).tag("two words").build()),
                ValidationException.class);

        // then
        assertThat(field.violations()).extracting(ValidationException.Violation::field)
                .containsExactly("fields[customer_field]");
        assertThat(tag.violations()).extracting(ValidationException.Violation::field).singleElement()
                .asString().startsWith("tags");
        assertThat(t.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("a case carries at most 50 tags: the 51st is refused naming tags, rule Size")
    void tagLimit() {
        // given
        Case opened = open(t.customer());
        for (int i = 0; i < 50; i++) {
            t.rapport().cases().addTags(CaseTags.of(opened.id(), "t" + i));
        }

        // when
        ValidationException thrown = catchThrowableOfType(() -> t.rapport().cases().addTags(
                CaseTags.of(opened.id(), "one-more")), ValidationException.class);

        // then
        assertThat(thrown.violations()).extracting(v -> v.field() + " " + v.rule()).containsExactly("tags Size");
        assertThat(t.storage().cases().get(opened.id()).tags()).hasSize(50).doesNotContain("one-more");
    }

    @Test
    @DisplayName("customers get tags and field values, publish CustomerUpdated, and are found by tag")
    void customerTagsAndFields() {
        // given
        Customer customer = t.customer();
        t.customer();
        t.events().clear();

        // when
        t.rapport().customers().addTags(CustomerTags.of(customer.id(), "B2B", "vip"));
        Customer updated = t.rapport().customers().setFields(SetCustomerFields.of(customer.id(),
                Map.of("tier", FieldValue.choice("gold"), "loyalty_points", FieldValue.number(BigDecimal.TEN))));
        ValidationException bad = catchThrowableOfType(() -> t.rapport().customers().setFields(SetCustomerFields.of(
                customer.id(), Map.of("carrier", FieldValue.choice("dhl")))), ValidationException.class);

        // then
        assertThat(updated.tags()).containsExactlyInAnyOrder("b2b", "vip");
        assertThat(updated.fields()).containsOnlyKeys("tier", "loyalty_points");
        assertThat(t.events().events(CustomerUpdated.class)).hasSize(2);
        assertThat(bad.violations()).extracting(v -> v.field() + " " + v.rule())
                .containsExactly("fields[carrier] Declared");
        assertThat(t.rapport().customers().findByTag("b2b", PageRequest.first()).items()).extracting(Customer::id)
                .containsExactly(customer.id());
        assertThat(t.rapport().customers().removeTags(CustomerTags.of(customer.id(), "b2b")).tags())
                .containsExactly("vip");
    }

    @Test
    @DisplayName("the export holds tags and fields; erasure removes the customer's and the cases' text values only")
    void privacy() {
        // given
        Customer customer = t.customer();
        t.rapport().customers().addTags(CustomerTags.of(customer.id(), "vip"));
        t.rapport().customers().setFields(SetCustomerFields.of(customer.id(),
                Map.of("tier", FieldValue.choice("gold"))));
        Case opened = open(customer, "late");
        t.rapport().cases().setFields(SetCaseFields.of(opened.id(), Map.of("order_number",
                FieldValue.text("ADA-42"), "carrier", FieldValue.choice("dhl"))));

        // when
        String export = t.rapport().privacy().export(customer.id());
        t.rapport().privacy().erase(customer.id(), "request");

        // then
        assertThat(export.replaceAll("\\s+", "")).contains("\"tags\":[\"vip\"]", "\"tags\":[\"late\"]", "\"tier\":{\"kind\":\"CHOICE\","
                + "\"value\":\"gold\"}", "\"order_number\":{\"kind\":\"TEXT\",\"value\":\"ADA-42\"}");
        Customer erased = t.storage().customers().get(customer.id());
        assertThat(erased.tags()).isEmpty();
        assertThat(erased.fields()).isEmpty();
        Case kept = t.storage().cases().get(opened.id());
        assertThat(kept.tags()).containsExactly("late");
        assertThat(kept.fields()).containsOnlyKeys("carrier");
    }

    @Test
    @DisplayName("the reopen rate by tag counts a case with two tags in both groups, and by field per value")
    void kpiBreakdowns() {
        // given
        Customer customer = t.customer();
        Case both = open(customer, "vip", "late");
        Case vip = open(customer, "vip");
        Case none = open(customer);
        t.rapport().cases().setFields(SetCaseFields.of(both.id(), Map.of("carrier", FieldValue.choice("dhl"))));
        for (Case c : java.util.List.of(both, vip, none)) {
            t.rapport().cases().resolve(c.id());
        }
        t.rapport().cases().reopen(both.id());
        t.clock().advance(Duration.ofHours(1));
        KpiRequest request = KpiRequest.over(TimeRange.of(TestRapport.START_MICROS.minusSeconds(60),
                TestRapport.START_MICROS.plus(Duration.ofHours(1))));

        // when
        KpiResult byTag = t.rapport().kpis().compute(Kpi.REOPEN_RATE, request.by(Dimension.TAG));
        KpiResult byField = t.rapport().kpis().compute(Kpi.REOPEN_RATE, request.by(Breakdown.byField("carrier")));
        ValidationException unsupported = catchThrowableOfType(() -> t.rapport().kpis().compute(Kpi.CHURN_RATE,
                request.by(Dimension.TAG)), ValidationException.class);

        // then
        assertThat(byTag.group("vip").orElseThrow().denominator()).isEqualByComparingTo("2");
        assertThat(byTag.group("vip").orElseThrow().numerator()).isEqualByComparingTo("1");
        assertThat(byTag.group("late").orElseThrow().denominator()).isEqualByComparingTo("1");
        assertThat(byTag.group("(none)").orElseThrow().denominator()).isEqualByComparingTo("1");
        assertThat(byTag.total().denominator()).isEqualByComparingTo("3");
        assertThat(byField.group("dhl").orElseThrow().numerator()).isEqualByComparingTo("1");
        assertThat(byField.group("(none)").orElseThrow().denominator()).isEqualByComparingTo("2");
        assertThat(unsupported.violations()).extracting(ValidationException.Violation::rule).contains("Supported");
    }
}
