package dev.rapport.jdbc;

import dev.rapport.tck.DelegatingStorage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.rapport.kpi.StreamingKpiQueries;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.Exclusions;
import dev.rapport.spi.kpi.KpiQueries;
import dev.rapport.spi.kpi.DurationSummary;
import dev.rapport.spi.kpi.FcrCounts;
import dev.rapport.spi.kpi.RepeatContacts;
import dev.rapport.spi.kpi.Tallies;
import dev.rapport.spi.kpi.Tally;
import dev.rapport.tck.KpiParityContract;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The KPI parity contract proves itself: run through the JUnit Platform test kit against SQL answers that are wrong
 * in one small way each, it fails exactly the question that is wrong and passes the others.
 */
@DisplayName("The KPI parity contract")
class KpiParityContractBitesTest {

    private static final ContractSupport SUPPORT = new ContractSupport(TestDatabases.h2Memory());

    /** The configuration parameter that lets the wrong adapters run: only this test's own launches set it. */
    private static final String RUN_WRONG_ANSWERS = "rapport.test.kpi-parity.wrong-answers";

    @Test
    @DisplayName("fails answers that lose the replies dated before creation, and only those")
    void failsLostExclusions() {
        // given answers that silently drop one exclusion reason of first reply times / when
        Events tests = run(DroppingExclusions.class);

        // then
        assertThat(failedNames(tests)).containsExactly("first reply times");
    }

    @Test
    @DisplayName("fails answers that count first replies after the resolution as first-contact resolutions, and only those")
    void failsRepliesAfterResolutionCountedAsFirstContact() {
        // given answers that count the cases resolved before their first reply instead of excluding them / when
        Events tests = run(CountingRepliesAfterResolution.class);

        // then
        assertThat(failedNames(tests)).containsExactly("first-contact resolution");
    }

    @Test
    @DisplayName("fails a median two milliseconds off, and only that")
    void failsPercentilesOffByTwoMilliseconds() {
        // given answers whose resolution-time medians are 2 ms late / when
        Events tests = run(LateMedians.class);

        // then
        assertThat(failedNames(tests)).containsExactly("resolution times");
    }

    @Test
    @DisplayName("fails one repeat contact too many, and only that")
    void failsOneRepeatTooMany() {
        // given answers that count one repeat contact too many / when
        Events tests = run(OneRepeatTooMany.class);

        // then
        assertThat(failedNames(tests)).containsExactly("repeat contacts");
    }

    private static Events run(Class<?> contract) {
        return EngineTestKit.engine("junit-jupiter").configurationParameter(RUN_WRONG_ANSWERS, "true")
                .selectors(selectClass(contract)).execute().testEvents();
    }

    private static List<String> failedNames(Events tests) {
        return tests.failed().stream().map(e -> e.getTestDescriptor().getDisplayName()).distinct().toList();
    }

    /** Runs the wrong adapters only when launched by this test, never on their own (they are meant to fail). */
    static final class OnlyWhenLaunchedHere implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(RUN_WRONG_ANSWERS).isPresent()
                    ? ConditionEvaluationResult.enabled("launched by KpiParityContractBitesTest")
                    : ConditionEvaluationResult.disabled("a deliberately wrong adapter, run by KpiParityContractBitesTest");
        }
    }

    /** The contract on one data set, against the SQL answers changed by a perturbation. */
    @ExtendWith(OnlyWhenLaunchedHere.class)
    abstract static class Perturbed extends KpiParityContract {
        private final String method;
        private final UnaryOperator<Tallies<?>> change;

        Perturbed(String method, UnaryOperator<Tallies<?>> change) {
            this.method = method;
            this.change = change;
        }

        @Override
        protected List<Long> seeds() {
            return List.of(1L);
        }

        @Override
        protected RapportStorage emptyStorage() {
            JdbcStorage real = SUPPORT.emptyStorage();
            KpiQueries sql = real.kpiQueries().orElseThrow();
            KpiQueries wrong = (KpiQueries) Proxy.newProxyInstance(KpiQueries.class.getClassLoader(),
                    new Class<?>[] {KpiQueries.class}, (proxy, m, args) -> {
                        Object answer;
                        try {
                            answer = m.invoke(sql, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                        return m.getName().equals(method) ? change.apply((Tallies<?>) answer) : answer;
                    });
            return new Wrapper(real, wrong);
        }

        @Override
        protected KpiQueries referenceQueries(RapportStorage reference) {
            return new StreamingKpiQueries(reference);
        }
    }

    static final class DroppingExclusions extends Perturbed {
        DroppingExclusions() {
            super("firstReplyTimes", t -> map(t, tally -> {
                EnumMap<ExclusionReason, Long> kept = new EnumMap<>(ExclusionReason.class);
                kept.putAll(tally.excluded().counts());
                kept.remove(ExclusionReason.REPLIED_BEFORE_CREATED);
                return new Tally<>(tally.group(), tally.value(), new Exclusions(kept));
            }));
        }
    }

    static final class CountingRepliesAfterResolution extends Perturbed {
        CountingRepliesAfterResolution() {
            super("firstContactResolution", t -> map(t, tally -> {
                EnumMap<ExclusionReason, Long> kept = new EnumMap<>(ExclusionReason.class);
                kept.putAll(tally.excluded().counts());
                Long late = kept.remove(ExclusionReason.REPLIED_AFTER_RESOLVED);
                FcrCounts f = (FcrCounts) tally.value();
                FcrCounts counted = late == null ? f : new FcrCounts(f.resolved() + late,
                        f.firstContactResolved() + late);
                return new Tally<>(tally.group(), counted, new Exclusions(kept));
            }));
        }
    }

    static final class LateMedians extends Perturbed {
        LateMedians() {
            super("resolutionTimes", t -> map(t, tally -> {
                DurationSummary d = (DurationSummary) tally.value();
                DurationSummary late = d.count() == 0 ? d : new DurationSummary(d.count(), d.totalMicros(),
                        d.minMicros(), d.maxMicros(), d.medianMicros().add(BigDecimal.valueOf(2_000)), d.p90Micros());
                return new Tally<>(tally.group(), late, tally.excluded());
            }));
        }
    }

    static final class OneRepeatTooMany extends Perturbed {
        OneRepeatTooMany() {
            super("repeatContacts", t -> {
                boolean[] done = {false};
                return map(t, tally -> {
                    RepeatContacts r = (RepeatContacts) tally.value();
                    if (done[0] || r.repeats() == r.contacts()) {
                        return tally;
                    }
                    done[0] = true;
                    return new Tally<>(tally.group(), new RepeatContacts(r.contacts(), r.repeats() + 1),
                            tally.excluded());
                });
            });
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Tallies<?> map(Tallies<?> tallies, UnaryOperator<Tally> change) {
        return new Tallies(tallies.groups().stream().map(t -> change.apply((Tally) t)).toList());
    }

    /** The JDBC storage with other KPI answers. */
    private static final class Wrapper extends DelegatingStorage {
        private final KpiQueries queries;

        Wrapper(JdbcStorage real, KpiQueries queries) {
            super(real);
            this.queries = queries;
        }

        @Override
        public Optional<KpiQueries> kpiQueries() {
            return Optional.of(queries);
        }
    }
}
