package dev.rapport.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.health.HealthPolicy.Factor;
import dev.rapport.spi.ValidationException;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The health policy under random and hostile values: a bad value is refused with a {@link ValidationException}
 * naming exactly the options at fault; good values build a policy that holds them.
 */
@Label("The health policy under random and hostile values")
class HealthPolicyProperties {

    @Property(tries = 500)
    @Label("weights outside 0 to 1000, or all zero, are refused by name; others are kept")
    void weights(@ForAll Factor factor, @ForAll("hostileInts") int weight, @ForAll boolean othersZero) {
        // given
        HealthPolicy.Builder builder = HealthPolicy.builder();
        if (othersZero) {
            for (Factor other : Factor.values()) {
                builder.weight(other, 0);
            }
        }
        builder.weight(factor, weight);
        Set<String> expected = new TreeSet<>();
        if (weight < 0 || weight > HealthPolicy.MAX_WEIGHT) {
            expected.add("weight(" + factor.code() + ")");
        } else if (othersZero && weight == 0) {
            expected.add("weights");
        }

        // when
        ValidationException thrown = catchThrowableOfType(builder::build, ValidationException.class);

        // then
        if (expected.isEmpty()) {
            assertThat(thrown).isNull();
            assertThat(builder.build().weights()).containsEntry(factor, weight);
        } else {
            assertThat(fields(thrown)).isEqualTo(expected);
        }
    }

    @Property(tries = 500)
    @Label("band thresholds outside 0 to 100, or at-risk above watch, are refused by name")
    void bands(@ForAll("hostileInts") int watch, @ForAll("hostileInts") int atRisk) {
        // given
        Set<String> expected = new TreeSet<>();
        boolean watchOk = watch >= 0 && watch <= 100;
        boolean atRiskOk = atRisk >= 0 && atRisk <= 100;
        if (!watchOk) {
            expected.add("watchBelow");
        }
        if (!atRiskOk || (watchOk && atRisk > watch)) {
            expected.add("atRiskBelow");
        }

        // when
        ValidationException thrown = catchThrowableOfType(() -> HealthPolicy.builder().bands(watch, atRisk).build(),
                ValidationException.class);

        // then
        if (expected.isEmpty()) {
            assertThat(thrown).isNull();
        } else {
            assertThat(fields(thrown)).isEqualTo(expected);
        }
    }

    @Property(tries = 500)
    @Label("caps and the CSAT threshold out of range are refused by name, all at once")
    void caps(@ForAll("hostileInts") int open, @ForAll("hostileInts") int recent, @ForAll("hostileInts") int repeats,
            @ForAll("hostileInts") int breaches, @ForAll("hostileInts") int csat) {
        // given
        Set<String> expected = new TreeSet<>();
        cap(expected, "openComplaintsCap", open);
        cap(expected, "recentComplaintsCap", recent);
        cap(expected, "repeatContactsCap", repeats);
        cap(expected, "slaBreachesCap", breaches);
        if (csat < 1 || csat > 5) {
            expected.add("csatThreshold");
        }

        // when
        ValidationException thrown = catchThrowableOfType(() -> HealthPolicy.builder().openComplaintsCap(open)
                .recentComplaintsCap(recent).repeatContactsCap(repeats).slaBreachesCap(breaches).csatThreshold(csat)
                .build(), ValidationException.class);

        // then
        if (expected.isEmpty()) {
            assertThat(thrown).isNull();
        } else {
            assertThat(fields(thrown)).isEqualTo(expected);
        }
    }

    @Property(tries = 500)
    @Label("null, negative, zero, huge or inverted windows are refused by name")
    void durations(@ForAll("hostileDurations") Duration lookBack, @ForAll("hostileDurations") Duration repeat,
            @ForAll("hostileDurations") Duration grace, @ForAll("hostileDurations") Duration lapse) {
        // given
        Set<String> expected = new TreeSet<>();
        if (lookBack == null || lookBack.compareTo(Duration.ofDays(1)) < 0
                || lookBack.compareTo(HealthPolicy.MAX_LOOK_BACK) > 0) {
            expected.add("lookBack");
        }
        if (repeat == null || repeat.isNegative() || repeat.isZero() || repeat.compareTo(HealthPolicy.MAX_LAPSE) > 0) {
            expected.add("repeatWindow");
        }
        boolean graceOk = grace != null && !grace.isNegative() && grace.compareTo(HealthPolicy.MAX_LAPSE) <= 0;
        boolean lapseOk = lapse != null && !lapse.isNegative() && !lapse.isZero() && lapse.compareTo(HealthPolicy.MAX_LAPSE) <= 0;
        if (!graceOk) {
            expected.add("purchaseGrace");
            expected.add("contactGrace");
        }
        if (!lapseOk || (graceOk && lapse.compareTo(grace) <= 0)) {
            expected.add("purchaseLapse");
            expected.add("contactLapse");
        }

        // when
        ValidationException thrown = catchThrowableOfType(() -> HealthPolicy.builder().lookBack(lookBack)
                .repeatWindow(repeat).purchase(grace, lapse).contact(grace, lapse).build(), ValidationException.class);

        // then
        if (expected.isEmpty()) {
            assertThat(thrown).isNull();
        } else {
            assertThat(fields(thrown)).isEqualTo(expected);
        }
    }

    @Property(tries = 50)
    @Label("a null factor is refused by name")
    void nullFactor(@ForAll @IntRange(min = 0, max = 1_000) int weight) {
        ValidationException thrown = catchThrowableOfType(() -> HealthPolicy.builder().weight(null, weight).build(),
                ValidationException.class);

        assertThat(fields(thrown)).containsExactly("weight");
    }

    @Provide
    Arbitrary<Integer> hostileInts() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-5, 1_005),
                Arbitraries.of(Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0, 1, 100, 101, 1_000, 1_001));
    }

    @Provide
    Arbitrary<Duration> hostileDurations() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-400, 40_000).map(Duration::ofDays),
                Arbitraries.of(null, Duration.ZERO, Duration.ofNanos(1), Duration.ofNanos(-1), Duration.ofDays(1),
                        Duration.ofSeconds(Long.MAX_VALUE), Duration.ofSeconds(Long.MIN_VALUE),
                        HealthPolicy.MAX_LAPSE, HealthPolicy.MAX_LAPSE.plusNanos(1)));
    }

    private static void cap(Set<String> expected, String field, int value) {
        if (value < 1 || value > HealthPolicy.MAX_CAP) {
            expected.add(field);
        }
    }

    private static Set<String> fields(ValidationException thrown) {
        assertThat(thrown).isNotNull();
        assertThat(thrown.getMessage()).contains("HealthPolicy");
        Set<String> fields = new TreeSet<>();
        thrown.violations().forEach(v -> fields.add(v.field()));
        return fields;
    }
}
