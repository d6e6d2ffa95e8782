package dev.rapport.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.health.HealthPolicy.Factor;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.HealthBand;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("The weighted health scorer")
class WeightedHealthScorerTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final CustomerId ID = CustomerId.random();
    private final WeightedHealthScorer defaults = new WeightedHealthScorer(HealthPolicy.defaults());

    /** A customer with nothing wrong: registered and bought and wrote yesterday, no ratings, no complaints. */
    private static Signals fine() {
        return new Signals();
    }

    private static final class Signals {
        int ratings;
        int low;
        int open;
        int recent;
        int repeats;
        int breaches;
        Instant registered = NOW.minus(Duration.ofDays(400));
        Optional<Instant> purchase = Optional.of(NOW.minus(Duration.ofDays(1)));
        Optional<Instant> contact = Optional.of(NOW.minus(Duration.ofDays(1)));

        HealthSignals build() {
            return new HealthSignals(ID, NOW, NOW.minus(Duration.ofDays(90)), registered, ratings, low, open, recent,
                    repeats, breaches, purchase, contact);
        }
    }

    @Test
    @DisplayName("a customer with nothing wrong scores 100, HEALTHY, with every factor shown at its weight and no cost")
    void nothingWrong() {
        // when
        CustomerHealth health = defaults.score(fine().build());

        // then
        assertThat(health.score()).isEqualTo(100);
        assertThat(health.band()).isEqualTo(HealthBand.HEALTHY);
        assertThat(health.factors()).extracting(HealthFactor::name).containsExactly("recent_csat", "open_complaints",
                "recent_complaints", "repeat_contacts", "sla_breaches", "days_since_last_purchase",
                "days_since_last_contact");
        assertThat(health.factors()).extracting(HealthFactor::weight).containsExactly(25, 20, 10, 15, 10, 15, 5);
        assertThat(health.factors()).allSatisfy(f -> assertThat(f.contribution()).isEqualByComparingTo("0"));
        assertThat(health.evaluatedAt()).isEqualTo(NOW);
    }

    @ParameterizedTest
    @EnumSource(Factor.class)
    @DisplayName("each factor at its worst takes exactly its weight off the score (default weights sum to 100)")
    void eachFactorAtItsWorst(Factor factor) {
        // given
        Signals s = fine();
        switch (factor) {
            case RECENT_CSAT -> { s.ratings = 3; s.low = 3; }
            case OPEN_COMPLAINTS -> s.open = 1;
            case RECENT_COMPLAINTS -> s.recent = 3;
            case REPEAT_CONTACTS -> s.repeats = 3;
            case SLA_BREACHES -> s.breaches = 2;
            case DAYS_SINCE_LAST_PURCHASE -> s.purchase = Optional.of(NOW.minus(Duration.ofDays(180)));
            case DAYS_SINCE_LAST_CONTACT -> s.contact = Optional.of(NOW.minus(Duration.ofDays(365)));
        }

        // when
        CustomerHealth health = defaults.score(s.build());

        // then
        int weight = HealthPolicy.DEFAULT_WEIGHTS.get(factor);
        assertThat(health.score()).isEqualTo(100 - weight);
        HealthFactor shown = health.factor(factor.code()).orElseThrow();
        assertThat(shown.severity()).isEqualByComparingTo("1");
        assertThat(shown.contribution()).isEqualByComparingTo(BigDecimal.valueOf(weight));
        assertThat(health.factors()).filteredOn(f -> !f.name().equals(factor.code()))
                .allSatisfy(f -> assertThat(f.contribution()).isEqualByComparingTo("0"));
    }

    @Test
    @DisplayName("recent CSAT counts the share of low ratings: 1 of 4 low takes a quarter of its weight")
    void csatShare() {
        // given
        Signals s = fine();
        s.ratings = 4;
        s.low = 1;

        // when
        CustomerHealth health = defaults.score(s.build());

        // then 25 * 0.25 = 6.25 off, rounded half up
        HealthFactor csat = health.factor("recent_csat").orElseThrow();
        assertThat(csat.value()).isEqualByComparingTo("0.25");
        assertThat(csat.detail()).isEqualTo("1 of 4 ratings below 4 on 1-5");
        assertThat(csat.contribution()).isEqualByComparingTo("6.25");
        assertThat(health.score()).isEqualTo(94);
    }

    @Test
    @DisplayName("counts beyond their cap count as the cap; below it, in proportion")
    void countsAreCapped() {
        // given
        Signals many = fine();
        many.recent = 7;
        Signals one = fine();
        one.repeats = 1;

        // when
        CustomerHealth capped = defaults.score(many.build());
        CustomerHealth third = defaults.score(one.build());

        // then
        assertThat(capped.factor("recent_complaints").orElseThrow().value()).isEqualByComparingTo("7");
        assertThat(capped.factor("recent_complaints").orElseThrow().severity()).isEqualByComparingTo("1");
        assertThat(capped.score()).isEqualTo(90);
        assertThat(third.factor("repeat_contacts").orElseThrow().contribution()).isEqualByComparingTo("5.00");
        assertThat(third.score()).isEqualTo(95);
    }

    @ParameterizedTest(name = "{0} days without a purchase: severity {1}")
    @CsvSource({"0, 0", "60, 0", "90, 0.25", "120, 0.5", "179, 0.9917", "180, 1", "900, 1"})
    @DisplayName("time without a purchase counts from the grace (60 days) and fully at the lapse (180 days)")
    void purchaseRamp(long days, String severity) {
        // given
        Signals s = fine();
        s.purchase = Optional.of(NOW.minus(Duration.ofDays(days)));

        // when
        HealthFactor factor = defaults.score(s.build()).factor("days_since_last_purchase").orElseThrow();

        // then
        assertThat(factor.value()).isEqualByComparingTo(BigDecimal.valueOf(days));
        assertThat(factor.severity()).isEqualByComparingTo(severity);
    }

    @Test
    @DisplayName("a customer who never bought or wrote is measured from registration")
    void neverBoughtCountsFromRegistration() {
        // given
        Signals s = fine();
        s.purchase = Optional.empty();
        s.contact = Optional.empty();
        s.registered = NOW.minus(Duration.ofDays(10));

        // when
        CustomerHealth health = defaults.score(s.build());

        // then
        assertThat(health.factor("days_since_last_purchase").orElseThrow().detail())
                .isEqualTo("10 days since registration, no purchase (counts from 60, fully at 180)");
        assertThat(health.score()).isEqualTo(100);
    }

    @Nested
    @DisplayName("band edges")
    class Bands {

        /** Only open complaints count, 100 of them fully: n open complaints score exactly 100 - n. */
        private final WeightedHealthScorer linear = new WeightedHealthScorer(withOnly(Factor.OPEN_COMPLAINTS)
                .openComplaintsCap(100).build());

        @ParameterizedTest(name = "score {0} is {1}")
        @CsvSource({"100, HEALTHY", "70, HEALTHY", "69, WATCH", "40, WATCH", "39, AT_RISK", "0, AT_RISK"})
        @DisplayName("a score at a threshold is in the better band; one below it, in the worse")
        void edges(int score, HealthBand band) {
            // given
            Signals s = fine();
            s.open = 100 - score;

            // when
            CustomerHealth health = linear.score(s.build());

            // then
            assertThat(health.score()).isEqualTo(score);
            assertThat(health.band()).isEqualTo(band);
        }

        @Test
        @DisplayName("custom thresholds move the edges; equal thresholds leave no WATCH band")
        void customThresholds() {
            HealthPolicy noWatch = HealthPolicy.builder().bands(50, 50).build();

            assertThat(noWatch.bandOf(50)).isEqualTo(HealthBand.HEALTHY);
            assertThat(noWatch.bandOf(49)).isEqualTo(HealthBand.AT_RISK);
            assertThat(HealthPolicy.builder().bands(100, 0).build().bandOf(0)).isEqualTo(HealthBand.WATCH);
            assertThat(HealthPolicy.builder().bands(100, 0).build().bandOf(100)).isEqualTo(HealthBand.HEALTHY);
        }
    }

    @Test
    @DisplayName("a factor with weight 0 is shown but costs nothing, and the others share the whole score")
    void zeroWeight() {
        // given
        Signals s = fine();
        s.open = 1;
        s.recent = 3;
        WeightedHealthScorer scorer = new WeightedHealthScorer(withOnly(Factor.RECENT_COMPLAINTS).build());

        // when
        CustomerHealth health = scorer.score(s.build());

        // then
        assertThat(health.factor("open_complaints").orElseThrow().weight()).isZero();
        assertThat(health.factor("open_complaints").orElseThrow().contribution()).isEqualByComparingTo("0");
        assertThat(health.score()).isZero();
        assertThat(health.band()).isEqualTo(HealthBand.AT_RISK);
    }

    private static HealthPolicy.Builder withOnly(Factor only) {
        HealthPolicy.Builder builder = HealthPolicy.builder();
        for (Factor factor : Factor.values()) {
            builder.weight(factor, factor == only ? 1 : 0);
        }
        return builder;
    }
}
