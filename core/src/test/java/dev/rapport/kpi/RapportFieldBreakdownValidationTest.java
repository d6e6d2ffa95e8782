package dev.rapport.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.field.FieldSchema;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.testing.TestRapport;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Breakdowns by custom fields are checked against the fields Rapport declares")
class RapportFieldBreakdownValidationTest {

    private static final FieldSchema SCHEMA = FieldSchema.builder().caseChoice("carrier", "dhl", "ups")
            .customerChoice("tier", "gold", "silver").build();
    /** The first week of the KPI tests' data (KpiFixtures.T0, in rapport-kpi's tests). */
    private static final Instant T0 = Instant.parse("2024-03-04T00:00:00Z");
    private static final TimeRange WEEK = TimeRange.of(T0, T0.plus(Duration.ofDays(7)));

    @Test
    @DisplayName("Rapport refuses a case field it does not declare, naming breakdown.field, and reads nothing")
    void unknownCaseFieldRefused() {
        // given
        TestRapport t = new TestRapport(b -> b.customFields(SCHEMA));

        // when
        ValidationException refused = catchThrowableOfType(() -> t.rapport().kpis().compute(Kpi.FIRST_REPLY_TIME,
                KpiRequest.over(WEEK).by(Breakdown.byField("colour"))), ValidationException.class);

        // then
        assertThat(refused.violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("breakdown.field", "Declared"));
        assertThat(refused.violations().get(0).message()).contains("'colour'", "cases");
    }

    @Test
    @DisplayName("a field declared for cases is no customer field, and the other way round")
    void fieldsBelongToTheirScope() {
        // given
        TestRapport t = new TestRapport(b -> b.customFields(SCHEMA));

        // when
        ValidationException caseFieldOfCustomer = catchThrowableOfType(() -> t.rapport().kpis().compute(
                Kpi.CHURN_RATE, KpiRequest.over(WEEK).by(Breakdown.byCustomerField("carrier"))),
                ValidationException.class);
        ValidationException customerFieldOfCase = catchThrowableOfType(() -> t.rapport().kpis().compute(Kpi.CSAT,
                KpiRequest.over(WEEK).by(Breakdown.byField("tier"))), ValidationException.class);
        KpiResult byTier = t.rapport().kpis().compute(Kpi.CHURN_RATE,
                KpiRequest.over(WEEK).by(Breakdown.byCustomerField("tier")));

        // then
        assertThat(caseFieldOfCustomer.violations()).extracting(Violation::field).containsExactly("breakdown.field");
        assertThat(caseFieldOfCustomer.violations().get(0).message()).contains("customers");
        assertThat(customerFieldOfCase.violations()).extracting(Violation::field).containsExactly("breakdown.field");
        assertThat(byTier.breakdown().dimension()).isEqualTo(Dimension.CUSTOMER_FIELD);
    }
}
