package dev.rapport.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.Dimension;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Breakdowns by custom fields are checked against the declared fields")
class FieldBreakdownValidationTest {

    private static final TimeRange WEEK = TimeRange.of(KpiFixtures.T0, KpiFixtures.T0.plus(Duration.ofDays(7)));

    @Test
    @DisplayName("an engine built without the declared fields groups by any field name, all in the group without value")
    void withoutSchemaAnyName() {
        // given
        KpiFixtures data = new KpiFixtures();
        data.newCase(data.customer(), KpiFixtures.hours(3)).save();

        // when
        KpiResult result = data.engine().compute(Kpi.FIRST_REPLY_TIME,
                KpiRequest.over(WEEK).by(Breakdown.byField("colour")));

        // then
        assertThat(result.groups()).extracting(f -> f.group().label()).containsExactly("(none)");
    }

    @Test
    @DisplayName("the customer KPIs accept the customer's tags and fields but refuse the case's")
    void customerKpisTakeCustomerLabelsOnly() {
        // given
        KpiFixtures data = new KpiFixtures();

        // when
        ValidationException refused = catchThrowableOfType(() -> data.engine().compute(Kpi.RETENTION_RATE,
                KpiRequest.over(WEEK).by(Dimension.TAG)), ValidationException.class);

        // then
        assertThat(data.engine().dimensions(Kpi.RETENTION_RATE)).contains(Dimension.CUSTOMER_TAG,
                Dimension.CUSTOMER_FIELD);
        assertThat(data.engine().dimensions(Kpi.CSAT)).contains(Dimension.TAG, Dimension.FIELD,
                Dimension.CUSTOMER_TAG, Dimension.CUSTOMER_FIELD);
        assertThat(refused.violations()).extracting(Violation::field).containsExactly("breakdown.dimension");
    }

    @Test
    @DisplayName("a customer field breakdown needs a field name that is a code, and no other breakdown takes one")
    void customerFieldNameIsACode() {
        // given / when
        ValidationException missing = catchThrowableOfType(() -> Breakdown.byCustomerField(null),
                ValidationException.class);
        ValidationException notACode = catchThrowableOfType(() -> Breakdown.byCustomerField("two words"),
                ValidationException.class);
        ValidationException stray = catchThrowableOfType(() -> new Breakdown(Dimension.CUSTOMER_TAG,
                dev.rapport.spi.kpi.Granularity.DAY, java.time.ZoneOffset.UTC, java.util.Optional.of("tier")),
                ValidationException.class);
        Breakdown tier = Breakdown.byCustomerField("tier");

        // then
        assertThat(missing.violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("field", "Code"));
        assertThat(notACode.violations()).extracting(Violation::rule).containsExactly("Code");
        assertThat(stray.violations()).extracting(Violation::rule).containsExactly("Null");
        assertThat(tier.isByField()).isTrue();
        assertThat(tier.field()).contains("tier");
        assertThat(Breakdown.by(Dimension.CUSTOMER_TAG).isByField()).isFalse();
    }
}
