package dev.rapport.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.cases.AssignCase;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.AddContactIdentity;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.customer.SetConsent;
import dev.rapport.customer.UpdateCustomerDetails;
import dev.rapport.feedback.RecordFeedback;
import dev.rapport.followup.ScheduleFollowUp;
import dev.rapport.followup.ScheduleOutcome;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.spi.Channel;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.test.FaultInjectingStorage.Timing;
import dev.rapport.testing.StoreSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A day of customer care (customers, identities, consents, interactions, a case through its lifecycle, feedback,
 * follow-ups scheduled, cancelled and dispatched, an update, an erasure, an export) run once cleanly, then once for
 * every call the store sees, with that call failing. Each step is retried once by the host after a failure, as a
 * host would; a failed dispatch is retried after the lease, as the next round of a dispatcher would.
 *
 * <p>Checked for every run and step: a failed step leaves the store exactly as before and publishes nothing (a
 * dispatch, which is one transaction per follow-up, leaves each follow-up either untouched or in a complete state:
 * claimed under a lease, sent, retried with its error, or parked with its error); after the step succeeds the store
 * is the clean run's (ids aside); every event published was for committed work; at the end nothing is lost and
 * nothing is there twice, neither records nor events nor messages.
 */
@DisplayName("Storage failing at any call of a scenario")
class StorageFaultsTest {

    private static final Ledger LEDGER = new Ledger("storage-faults");
    private static final Duration STEP = Duration.ofMinutes(10);

    /** One step of the scenario; atomic steps run in one transaction. */
    private record Step(String name, boolean atomic, Function<FaultStack, Object> action) {
    }

    private static Step step(String name, Function<FaultStack, Object> action) {
        return new Step(name, true, action);
    }

    private static final List<Step> STEPS = List.of(
            step("register ann", s -> s.rapport.customers().register(RegisterCustomer.builder().name("Ann Lee")
                    .identity(ContactIdentity.primary(Channel.EMAIL, "ann.lee@example.com"))
                    .identity(ContactIdentity.primary(Channel.PHONE, "+44 20 7946 0958"))
                    .birthday(LocalDate.of(1985, 6, 2)).build())),
            step("register bob", s -> s.rapport.customers().register(RegisterCustomer.builder().name("Bob Stone")
                    .identity(ContactIdentity.primary(Channel.EMAIL, "bob.stone@example.org")).build())),
            step("add identity", s -> s.rapport.customers().addIdentity(new AddContactIdentity(ann(s),
                    ContactIdentity.of(Channel.WHATSAPP, "+44 20 7946 0958")))),
            step("set consent", s -> s.rapport.customers().setConsent(new SetConsent(bob(s), Channel.SMS,
                    ConsentStatus.OPTED_OUT))),
            step("record message", s -> s.rapport.interactions().record(RecordInteraction.builder()
                    .customerId(ann(s)).channel(Channel.EMAIL).summary("My parcel is missing").externalId("m1")
                    .build())),
            step("open case", s -> s.rapport.cases().open(OpenCase.builder().customerId(ann(s))
                    .subject("Parcel missing").category("delivery").originChannel(Channel.EMAIL).build())),
            step("assign case", s -> s.rapport.cases().assign(new AssignCase(parcel(s), s.agent.id()))),
            step("record reply", s -> s.rapport.interactions().record(RecordInteraction.builder()
                    .customerId(ann(s)).caseId(parcel(s)).channel(Channel.EMAIL).direction(Direction.OUTBOUND)
                    .agentId(s.agent.id()).summary("We are on it").build())),
            step("resolve case", s -> s.rapport.cases().resolve(parcel(s))),
            step("record reopening message", s -> s.rapport.interactions().record(RecordInteraction.builder()
                    .customerId(ann(s)).caseId(parcel(s)).channel(Channel.EMAIL).summary("Still missing").build())),
            step("resolve case again", s -> s.rapport.cases().resolve(parcel(s))),
            step("record feedback", s -> s.rapport.feedback().record(RecordFeedback.builder().customerId(ann(s))
                    .caseId(parcel(s)).metric(FeedbackMetric.CSAT).scale(Scale.CSAT_1_TO_5).score(4)
                    .comment("Thanks in the end").build())),
            step("schedule thank-you", s -> schedule(s, ann(s), FollowUpKind.THANK_YOU, Duration.ZERO, "thanks")),
            step("schedule check-in", s -> schedule(s, bob(s), FollowUpKind.CHECK_IN, Duration.ZERO, "check-in")),
            step("schedule survey", s -> schedule(s, ann(s), FollowUpKind.SURVEY, Duration.ofDays(2), "survey")),
            step("schedule wow", s -> schedule(s, bob(s), FollowUpKind.WOW, Duration.ZERO, "wow")),
            step("cancel wow", s -> s.scheduler.cancel(s.<ScheduleOutcome>result("schedule wow").followUpId()
                    .orElseThrow(), "not needed after all")),
            new Step("dispatch", false, s -> s.dispatcher.dispatchDue()),
            step("update bob", s -> s.rapport.customers().updateDetails(new UpdateCustomerDetails(bob(s),
                    "Robert Stone", Optional.empty(), java.util.Locale.ENGLISH, java.time.ZoneOffset.UTC,
                    Optional.empty(), Optional.of("gold"), CustomerStatus.ACTIVE, Optional.empty(), Map.of()))),
            step("erase ann", s -> s.privacy.erase(ann(s), "gdpr_request")),
            step("export bob", s -> s.privacy.export(bob(s))));

    private static dev.rapport.spi.customer.CustomerId ann(FaultStack s) {
        return s.<Customer>result("register ann").id();
    }

    private static dev.rapport.spi.customer.CustomerId bob(FaultStack s) {
        return s.<Customer>result("register bob").id();
    }

    private static dev.rapport.spi.cases.CaseId parcel(FaultStack s) {
        return s.<Case>result("open case").id();
    }

    private static ScheduleOutcome schedule(FaultStack s, dev.rapport.spi.customer.CustomerId customer,
            FollowUpKind kind, Duration in, String key) {
        return s.scheduler.schedule(ScheduleFollowUp.builder().customerId(customer).kind(kind)
                .dueAt(s.clock.instant().plus(in)).values(Map.of("order", "order-1001")).idempotencyKey(key)
                .build());
    }

    /** What the clean run left after each step, and at the end. */
    private static final List<List<String>> CLEAN_AFTER = new ArrayList<>();
    private static List<String> cleanEvents;
    private static int cleanCalls;
    private static int cleanDelivered;

    @BeforeAll
    static void runClean() {
        FaultStack clean = new FaultStack(0, Timing.BEFORE);
        for (int i = 0; i < STEPS.size(); i++) {
            clean.clock.set(timeOf(i));
            Step step = STEPS.get(i);
            clean.results.put(step.name(), step.action().apply(clean));
            CLEAN_AFTER.add(Canonical.of(clean.snapshot()));
        }
        cleanEvents = Canonical.ofEvents(clean.events.events());
        cleanCalls = clean.storage.calls();
        cleanDelivered = clean.messenger.delivered.size();
    }

    @AfterAll
    static void writeCounts() {
        LEDGER.write();
    }

    private static Instant timeOf(int step) {
        return FaultStack.T0.plus(STEP.multipliedBy(step + 1L));
    }

    @Test
    @DisplayName("the clean run goes through every step, sends two messages and publishes only committed work")
    void cleanRun() {
        // given / when: the clean run of @BeforeAll
        FaultStack again = new FaultStack(0, Timing.BEFORE);
        for (int i = 0; i < STEPS.size(); i++) {
            again.clock.set(timeOf(i));
            again.results.put(STEPS.get(i).name(), STEPS.get(i).action().apply(again));
        }

        // then it is repeatable, ids aside, and exercises enough of the store to be worth failing
        assertThat(Canonical.of(again.snapshot())).isEqualTo(CLEAN_AFTER.get(STEPS.size() - 1));
        assertThat(again.storage.calls()).isEqualTo(cleanCalls).isGreaterThan(100);
        assertThat(cleanDelivered).isEqualTo(2);
        assertThat(again.events.orphans()).isEmpty();
        assertThat(again.storage.faultInjected()).isFalse();
        assertThat(again.snapshot().followUps()).extracting(FollowUp::status).containsExactlyInAnyOrder(
                FollowUpStatus.SENT, FollowUpStatus.SENT, FollowUpStatus.CANCELLED, FollowUpStatus.CANCELLED);
    }

    @ParameterizedTest(name = "fault {0} the call")
    @EnumSource(Timing.class)
    @DisplayName("with any one call failing, nothing is half done, lost or doubled")
    void everyCallFails(Timing mode) {
        for (int failAt = 1; failAt <= cleanCalls; failAt++) {
            runWithFault(failAt, mode);
        }
        assertThat(LEDGER.get("items lost")).isZero();
        assertThat(LEDGER.get("duplicates")).isZero();
        assertThat(LEDGER.get("events for rolled-back work")).isZero();
    }

    private void runWithFault(int failAt, Timing mode) {
        FaultStack s = new FaultStack(failAt, mode);
        String run = "fault " + mode + " call " + failAt;
        for (int i = 0; i < STEPS.size(); i++) {
            Step step = STEPS.get(i);
            String where = run + ", step " + step.name();
            s.clock.set(timeOf(i));
            StoreSnapshot before = s.snapshot();
            int eventsBefore = s.events.events().size();
            LEDGER.add("operations", 1);
            try {
                s.results.put(step.name(), step.action().apply(s));
            } catch (StorageException e) {
                LEDGER.add("operations failed by the fault", 1);
                assertThat(e.getMessage()).as(where).startsWith("injected fault at call " + failAt);
                StoreSnapshot after = s.snapshot();
                if (step.atomic()) {
                    assertThat(after).as("%s: the store after the failure", where).isEqualTo(before);
                    assertThat(s.events.events()).as("%s: events after the failure", where).hasSize(eventsBefore);
                } else {
                    assertDispatchStates(where, before, after);
                    s.clock.set(timeOf(i).plus(FaultStack.LEASE).plusSeconds(1));
                }
                LEDGER.add("operations", 1);
                LEDGER.add("operations retried", 1);
                s.results.put(step.name(), step.action().apply(s));
            }
            assertThat(Canonical.of(s.snapshot())).as("%s: the store after the step", where)
                    .isEqualTo(CLEAN_AFTER.get(i));
        }
        LEDGER.add("runs", 1);
        assertThat(s.storage.faultInjected()).as(run).isTrue();
        LEDGER.add("faults injected", 1);

        List<String> events = Canonical.ofEvents(s.events.events());
        LEDGER.add("items lost", missing(cleanEvents, events) + missing(CLEAN_AFTER.get(STEPS.size() - 1),
                Canonical.of(s.snapshot())));
        LEDGER.add("duplicates", missing(events, cleanEvents) + missing(Canonical.of(s.snapshot()),
                CLEAN_AFTER.get(STEPS.size() - 1)) + s.messenger.duplicates());
        LEDGER.add("items lost", Math.max(0, cleanDelivered - s.messenger.delivered.size()));
        LEDGER.add("messages resent under the same key", s.messenger.extraCalls());
        LEDGER.add("events for rolled-back work", s.events.orphans().size());
        assertThat(events).as("%s: events published", run).isEqualTo(cleanEvents);
        assertThat(s.events.orphans()).as("%s: events for work not committed", run).isEmpty();
        assertThat(s.messenger.duplicates()).as("%s: messages delivered twice", run).isZero();
        assertThat(s.messenger.delivered).as("%s: messages delivered", run).hasSize(cleanDelivered);
    }

    /**
     * A failed dispatch: everything but the follow-ups is untouched, no follow-up appeared or went away, and each
     * is untouched or in a complete state with its lease and error consistent.
     */
    static void assertDispatchStates(String where, StoreSnapshot before, StoreSnapshot after) {
        assertThat(new StoreSnapshot(after.customers(), after.cases(), after.interactions(), after.feedback(),
                after.agents(), before.followUps())).as("%s: all but follow-ups", where).isEqualTo(before);
        Map<FollowUpId, FollowUp> previous = before.followUps().stream()
                .collect(Collectors.toMap(FollowUp::id, f -> f));
        assertThat(after.followUps()).extracting(FollowUp::id).as(where)
                .containsExactlyInAnyOrderElementsOf(previous.keySet());
        for (FollowUp f : after.followUps()) {
            if (f.equals(previous.get(f.id()))) {
                continue;
            }
            boolean leased = f.leaseOwner().isPresent() && f.leaseUntil().isPresent();
            switch (f.status()) {
                case CLAIMED -> assertThat(leased).as("%s: %s claimed under a lease", where, f.id()).isTrue();
                case SENT -> assertThat(!leased && f.attempts() >= 1).as("%s: %s sent", where, f.id()).isTrue();
                case SCHEDULED, FAILED -> assertThat(!leased && f.lastError().isPresent())
                        .as("%s: %s retried or parked with its error", where, f.id()).isTrue();
                default -> throw new AssertionError(where + ": " + f.id() + " moved to " + f.status());
            }
        }
    }

    /** How many lines of {@code expected} are missing from {@code actual}, counted with repeats. */
    private static long missing(List<String> expected, List<String> actual) {
        Map<String, Integer> left = new HashMap<>();
        actual.forEach(line -> left.merge(line, 1, Integer::sum));
        long missing = 0;
        for (String line : expected) {
            if (left.getOrDefault(line, 0) > 0) {
                left.merge(line, -1, Integer::sum);
            } else {
                missing++;
            }
        }
        return missing;
    }
}
