package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The kit proves itself: run through the JUnit Platform test kit, it passes the in-memory reference adapter on every
 * test and fails deliberately broken adapters on exactly the tests that guard what they break.
 */
@DisplayName("The storage contract kit")
class StorageContractSelfTest {

    /** The kit's size; a test removed or silenced by mistake shows up here. */
    private static final int CONTRACT_TESTS = 288;

    @Test
    @DisplayName("passes the in-memory reference adapter on every one of its tests, none skipped")
    void passesTheInMemoryAdapter() {
        // given / when
        Events tests = run("dev.rapport.tck.InMemoryStorageContractTest");

        // then
        assertThat(failedTests(tests)).isEmpty();
        assertThat(tests.skipped().count()).isZero();
        assertThat(tests.aborted().count()).isZero();
        assertThat(tests.succeeded().count()).isEqualTo(CONTRACT_TESTS);
    }

    @Test
    @DisplayName("fails an adapter that clamps instants into a narrower range on the value-domain test of its entity")
    void failsAnAdapterThatClampsInstants() {
        // given / when
        Events tests = run(InstantClampingAdapterContract.class.getName());

        // then
        assertFailures(tests, Set.of("customerInstantsAndLocalesAtTheEdges",
                "generatedInstantsRoundTripOrAreRefusedByField"), Set.of());
    }

    @Test
    @DisplayName("fails an adapter that ignores versions on every stale-version test")
    void failsAnAdapterThatIgnoresVersions() {
        // given / when
        Events tests = run(VersionIgnoringAdapterContract.class.getName());

        // then
        assertFailures(tests,
                Set.of("staleCustomerUpdateIsRejected", "staleCaseUpdateIsRejected", "staleFollowUpUpdateIsRejected",
                        "staleAgentUpdateIsRejected", "staleComplaintUpdateIsRejected",
                        "staleImprovementUpdateIsRejected", "staleCompletionAfterReclaimIsRefused",
                        "shortLeaseLapsesAndIsClaimedAgain", "concurrentUpdatesOfOneVersionLetExactlyOneWin",
                        "updateEachStoresCurrentAndSkipsStale", "staleWorkUpdateIsRejected",
                        "staleWorkDeleteIsRejected", "concurrentWorkUpdatesLetExactlyOneWin",
                        "staleWorkIsNotReportedMissing"),
                Set.of("concurrentIncrementsLoseNoUpdate"));
    }

    @Test
    @DisplayName("fails an adapter that loses writes under concurrency on the concurrent update and claim tests")
    void failsAnAdapterThatLosesWritesUnderConcurrency() {
        // given / when
        Events tests = run(WriteLosingAdapterContract.class.getName());

        // then
        assertFailures(tests,
                Set.of("concurrentIncrementsLoseNoUpdate", "concurrentUpdatesOfOneVersionLetExactlyOneWin",
                        "concurrentClaimersNeverShareAFollowUp"),
                Set.of());
    }

    @Test
    @DisplayName("fails an adapter that leaks rolled-back writes on every rollback test")
    void failsAnAdapterThatLeaksRolledBackWrites() {
        // given / when
        Events tests = run(RollbackLeakingAdapterContract.class.getName());

        // then
        assertFailures(tests,
                Set.of("rollbackUndoesInserts", "rollbackRestoresUpdates", "rollbackRestoresIdentityIndex",
                        "rollbackReleasesUniqueKeys", "nestedTransactionJoinsTheOuter",
                        "exceptionFromNestedTransactionRollsBackAll", "checkedExceptionRollsBack",
                        "errorRollsBack", "rollbackUndoesComplaintWrites", "rollbackRestoresRedactedText",
                        "updateEachRollsBackWithTransaction", "rollbackLeavesNoRoutingState",
                        "rolledBackAgentWriteLeavesTheFeed", "reassignRollsBack", "firingKeyIsUnique",
                        "removesAndRollsBack", "appendRollsBackWithTransaction", "customersAllOrNothing",
                        "interactionsRoundTripAndExternalIds", "auditEntriesAllOrNothing"),
                Set.of("uncommittedWritesAreInvisibleToOthers"));
    }

    @Test
    @DisplayName("fails an adapter that accepts redactions but redacts nothing on every redaction test that expects text replaced")
    void failsAnAdapterThatRedactsNothing() {
        // given / when
        Events tests = run(RedactionIgnoringAdapterContract.class.getName());

        // then
        assertFailures(tests,
                Set.of("interactionRedactionReplacesOnlyTheSummary", "interactionRedactionIsIdempotent",
                        "singleInteractionRedaction", "feedbackRedactionReplacesOnlyTheComment",
                        "feedbackRedactionLeavesOthersAloneAndIsIdempotent", "singleFeedbackRedaction",
                        "auditRedactionReplacesOnlyNamedDetails", "auditRedactionIsIdempotentAndLocal",
                        "auditRedactionRejectsBadPositions", "rollbackRestoresRedactedText",
                        "auditTrailRedactionReplacesOnlyValues", "auditTrailRedactionIsIdempotentAndLocal"),
                Set.of());
    }

    @Test
    @DisplayName("fails an adapter that stores invalid agents without the check on every test of a refused agent")
    void failsAnAdapterThatSkipsTheAgentCheck() {
        // given / when
        Events tests = run(ValidationSkippingAdapterContract.class.getName());

        // then
        assertFailures(tests,
                Set.of("blankAgentNameIsRefused", "hugeAgentNameIsRefused", "agentNameWithNulIsRefused",
                        "agentSkillLevel42IsRefused", "negativeAgentCapacityIsRefused", "negativeAgentLoadIsRefused",
                        "agentWithoutIdIsRefused", "everyBadAgentFieldIsNamed", "invalidAgentUpdateIsRefused",
                        "agentInstantsAtTheEdges", "generatedInstantsRoundTripOrAreRefusedByField"),
                Set.of());
    }

    @Test
    @DisplayName("fails an adapter that orders a trail's entries of equal time by id on the append-order test")
    void failsAnAdapterThatLosesTheAppendOrder() {
        // given / when
        Events tests = run(AuditOrderLosingAdapterContract.class.getName());

        // then
        // the redaction test and the bulk append read back entries of equal time, which such an adapter may order
        // either way
        assertFailures(tests, Set.of("entriesAtEqualTimesKeepTheirAppendOrder"),
                Set.of("pagesVisitEveryEntryOnce", "auditTrailRedactionReplacesOnlyValues", "auditEntriesRoundTrip"));
    }

    private static Events run(String contract) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract))
                .execute();
        return results.testEvents();
    }

    /** The failing tests must include every one in {@code mustFail}, and nothing outside it and {@code mayFail}. */
    private static void assertFailures(Events tests, Set<String> mustFail, Set<String> mayFail) {
        Set<String> failed = failedTests(tests);
        assertThat(failed).as("contract tests failed by the broken adapter").containsAll(mustFail);
        assertThat(failed).as("no failure beyond the tests guarding what is broken")
                .isSubsetOf(union(mustFail, mayFail));
        assertThat(tests.succeeded().count()).as("the other tests pass")
                .isEqualTo(CONTRACT_TESTS - failed.size());
    }

    private static Set<String> failedTests(Events tests) {
        return tests.failed().stream().map(StorageContractSelfTest::methodName).collect(Collectors.toSet());
    }

    private static String methodName(Event event) {
        return event.getTestDescriptor().getSource()
                .filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(MethodSource::getMethodName)
                .orElseGet(() -> event.getTestDescriptor().getDisplayName());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return List.of(a, b).stream().flatMap(Set::stream).collect(Collectors.toSet());
    }
}
