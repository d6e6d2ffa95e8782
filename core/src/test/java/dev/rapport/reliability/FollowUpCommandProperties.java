package dev.rapport.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.followup.FollowUpRule;
import dev.rapport.followup.FollowUpScheduler;
import dev.rapport.followup.Occasion;
import dev.rapport.followup.ScheduleFollowUp;
import dev.rapport.followup.ScheduleOutcome;
import dev.rapport.followup.SendWindow;
import dev.rapport.followup.Trigger;
import dev.rapport.spi.Channel;
import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.FollowUpCancelled;
import dev.rapport.spi.event.FollowUpScheduled;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpNotFoundException;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.validation.Limits;
import dev.rapport.testing.Draft;
import dev.rapport.testing.Hostile;
import dev.rapport.testing.In;
import dev.rapport.testing.Outcomes;
import dev.rapport.testing.StoreSnapshot;
import dev.rapport.testing.TestRapport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import dev.rapport.testing.BoundaryTries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * The follow-up scheduler's commands under random and hostile input: {@code schedule}, {@code cancel} and
 * {@code trigger} either accept (storing exactly what was asked, or skipping with a reason and storing nothing),
 * or refuse with a {@link ValidationException} naming the bad fields, or (only where the Javadoc says so, for a
 * well-formed id of a follow-up that does not exist or has moved on) throw the documented typed exception; after
 * anything but an acceptance the store and the published events are unchanged. Any other exception fails.
 *
 * <p>Value types are checked where the host builds them, before the scheduler is called: a bad kind or channel code
 * is refused by {@code FollowUpKind.of} or {@code Channel.of} naming {@code kind} or {@code channel}, a bad occasion
 * by {@link Occasion}'s constructor naming its parts; the command is checked next. So the fields named are those of
 * the first stage that fails.
 *
 * <p>An occasion with a required case status but no case is refused by {@link Occasion}'s constructor naming
 * {@code requiredCaseStatus}. A null follow-up id for {@code cancel} and a null occasion for {@code trigger} are
 * validation errors, covered by {@code FollowUpSchedulerTest}.
 */
@StatisticsReport(StatisticsReportMode.OFF)
@AddLifecycleHook(BoundaryTries.class)
@Label("Follow-up scheduler commands under random and hostile input")
class FollowUpCommandProperties {

    private static final String RULE = "manual-wow";

    /** Which customer a command names. */
    enum Who { SEED, UNKNOWN, NONE }

    /** Which case a command names. */
    enum CaseRef { NONE, SEEDS, OTHER_CUSTOMERS, UNKNOWN }

    /** A fresh store with a seed customer reachable by email only, another customer, a case of each. */
    private static final class World {
        final TestRapport t = new TestRapport();
        final Customer seed = t.customer("Seed", ContactIdentity.primary(Channel.EMAIL, "seed@rapport.test"));
        final Customer other = t.customer();
        final Case seedCase = t.openCase(seed.id());
        final Case otherCase = t.openCase(other.id());
        final FollowUpScheduler scheduler = FollowUpScheduler.builder(t.storage()).clock(t.clock())
                .eventPublisher(t.events()).sendWindow(SendWindow.anyTime()).validator(t.rapport().validator())
                .rule(FollowUpRule.builder(RULE, FollowUpKind.WOW, Trigger.manual()).build()).build();

        Instant now() {
            return t.clock().instant().truncatedTo(ChronoUnit.MICROS);
        }

        CustomerId customer(Who who) {
            return switch (who) {
                case SEED -> seed.id();
                case UNKNOWN -> CustomerId.random();
                case NONE -> null;
            };
        }

        CaseId supportCase(CaseRef ref) {
            return switch (ref) {
                case NONE -> null;
                case SEEDS -> seedCase.id();
                case OTHER_CUSTOMERS -> otherCase.id();
                case UNKNOWN -> CaseId.random();
            };
        }
    }

    // ---- schedule ------------------------------------------------------------------------------------------------

    @Property(tries = 400)
    @Label("schedule stores a valid request exactly, skips what cannot be sent, and refuses bad input by field")
    void schedule(@ForAll("schedules") Draft d) {
        // given
        World w = new World();
        Instant dueAt = d.get("dueAt");
        Optional<Instant> expiresAt = Optional.ofNullable(d.<Long>get("expiresIn")).filter(x -> dueAt != null)
                .map(seconds -> dueAt.plusSeconds(seconds));
        String kindCode = d.get("kind");
        String channelCode = d.get("channel");
        CaseId caseId = w.supportCase(d.get("caseId"));
        Map<String, String> values = d.get("values");
        String key = d.get("idempotencyKey");
        Who who = d.get("customerId");
        Supplier<ScheduleOutcome> schedule = () -> w.scheduler.schedule(new ScheduleFollowUp(w.customer(who),
                kindCode == null ? null : FollowUpKind.of(kindCode), dueAt, Optional.ofNullable(caseId),
                Optional.ofNullable(channelCode).map(Channel::of), expiresAt, values, Optional.ofNullable(key)));

        // the fields refused: the kind's code, else the channel's code, else the command's fields
        Set<String> bad = new LinkedHashSet<>();
        if (kindCode != null && d.badFields().contains("kind")) {
            bad.add("kind");
        } else if (channelCode != null && d.badFields().contains("channel")) {
            bad.add("channel");
        } else {
            bad.addAll(d.badFields());
            bad.removeAll(Set.of("channel", "expiresIn"));
            if (dueAt != null && expiresAt.isPresent() && !expiresAt.get().isAfter(dueAt)) {
                bad.add("expiresAt");
            }
        }
        // a case of another customer, or none at all, may be refused; the scheduler does not check it today
        Set<String> mayBeBad = bad.isEmpty() && (caseId != null && !caseId.equals(w.seedCase.id()))
                ? Set.of("caseId") : Set.of();

        // what an accepted request does
        Instant due = dueAt == null ? null : later(dueAt, w.now()).truncatedTo(ChronoUnit.MICROS);
        Optional<String> skip = who == Who.UNKNOWN ? Optional.of("customer not found")
                : channelCode != null && !channelCode.equals("email")
                ? Optional.of("no channel with consent and an address")
                : expiresAt.filter(e -> !due.isBefore(e)).map(e -> "expires before an allowed send time");

        // when / then
        expect(w, bad, mayBeBad, null, schedule, outcome -> {
            if (skip.isPresent()) {
                assertSkipped(w, outcome, skip.get());
                return;
            }
            Statistics.label("schedule").collect("scheduled");
            assertThat(outcome.result()).isEqualTo(ScheduleOutcome.Result.SCHEDULED);
            FollowUp stored = w.t.storage().followUps().get(outcome.followUpId().orElseThrow());
            assertThat(outcome.followUp()).contains(stored);
            assertThat(stored.customerId()).isEqualTo(w.seed.id());
            assertThat(stored.kind()).isEqualTo(FollowUpKind.of(kindCode));
            assertThat(stored.caseId()).isEqualTo(Optional.ofNullable(caseId));
            assertThat(stored.channel()).isEqualTo(Channel.EMAIL);
            assertThat(stored.dueAt()).isEqualTo(due);
            assertThat(stored.expiresAt().map(e -> e.truncatedTo(ChronoUnit.MICROS)))
                    .isEqualTo(expiresAt.map(e -> e.truncatedTo(ChronoUnit.MICROS)));
            assertThat(stored.values()).isEqualTo(values);
            assertThat(stored.idempotencyKey()).startsWith("direct/");
            if (key != null) {
                assertThat(stored.idempotencyKey()).isEqualTo("direct/" + key);
            }
            assertThat(stored.status()).isEqualTo(FollowUpStatus.SCHEDULED);
            assertThat(stored.attempts()).isZero();
            assertThat(stored.createdAt()).isEqualTo(w.now());
            assertThat(w.t.events().events()).singleElement().isInstanceOfSatisfying(FollowUpScheduled.class,
                    e -> assertThat(e.followUpId()).isEqualTo(stored.id()));
        });
        Outcomes.requireBothOutcomes();
    }

    @Provide
    Arbitrary<Draft> schedules() {
        return Builders.withBuilder(Draft::new)
                .use(who()).in((d, v) -> d.with("customerId", v))
                .use(kindCode()).in((d, v) -> d.with("kind", v))
                .use(Hostile.required(Hostile.instant())).in((d, v) -> d.with("dueAt", v))
                .use(caseRef()).in((d, v) -> d.with("caseId", v))
                .use(channelCode()).in((d, v) -> d.with("channel", v))
                .use(expiresIn()).in((d, v) -> d.with("expiresIn", v))
                .use(Hostile.attributes(Limits.ATTRIBUTES, Limits.ATTRIBUTE_VALUE)).in((d, v) -> d.with("values", v))
                .use(Hostile.optionalNonBlankText(Limits.KEY - 16)).in((d, v) -> d.with("idempotencyKey", v))
                .build();
    }

    // ---- cancel --------------------------------------------------------------------------------------------------

    /** Which follow-up a cancel names. */
    enum Target { SCHEDULED, CLAIMED, CANCELLED, SENT, UNKNOWN }

    @Property(tries = 300)
    @Label("cancel cancels a pending follow-up with the reason exactly, and refuses a bad reason naming it")
    void cancel(@ForAll("targets") Target target, @ForAll("reasons") In<String> reason) {
        // given a follow-up in the target's state
        World w = new World();
        FollowUpId id = target == Target.UNKNOWN ? FollowUpId.random() : followUpIn(w, target);
        w.t.events().clear();
        Set<String> bad = reason.valid() ? Set.of() : Set.of("reason");

        // when / then
        Class<? extends RuntimeException> documented = !reason.valid() ? null
                : target == Target.UNKNOWN ? FollowUpNotFoundException.class
                : target == Target.SENT ? IllegalTransitionException.class : null;
        FollowUp before = target == Target.UNKNOWN ? null : w.t.storage().followUps().get(id);
        expect(w, bad, Set.of(), documented, () -> w.scheduler.cancel(id, reason.value()), cancelled -> {
            assertThat(w.t.storage().followUps().get(id)).isEqualTo(cancelled);
            assertThat(cancelled.status()).isEqualTo(FollowUpStatus.CANCELLED);
            if (target == Target.CANCELLED) {
                assertThat(cancelled).isEqualTo(before);
                assertThat(w.t.events().events()).isEmpty();
                return;
            }
            assertThat(cancelled.cancelReason()).contains(reason.value());
            assertThat(cancelled.leaseOwner()).isEmpty();
            assertThat(cancelled.version()).isEqualTo(before.version() + 1);
            assertThat(cancelled.toBuilder().status(before.status()).cancelReason(null).leaseOwner(
                    before.leaseOwner().orElse(null)).leaseUntil(before.leaseUntil().orElse(null))
                    .updatedAt(before.updatedAt()).version(before.version()).build()).isEqualTo(before);
            assertThat(w.t.events().events()).singleElement().isInstanceOfSatisfying(FollowUpCancelled.class,
                    e -> assertThat(e.reason()).isEqualTo(reason.value()));
        });
        Outcomes.requireBothOutcomes();
    }

    private static FollowUpId followUpIn(World w, Target target) {
        FollowUp scheduled = w.scheduler.schedule(ScheduleFollowUp.builder().customerId(w.seed.id())
                .kind(FollowUpKind.CHECK_IN).dueAt(w.t.clock().instant()).build()).followUp().orElseThrow();
        switch (target) {
            case CLAIMED -> w.t.storage().followUps().claimDue("node", Duration.ofMinutes(5), 1);
            case CANCELLED -> w.scheduler.cancel(scheduled.id(), "an earlier reason");
            case SENT -> {
                FollowUp claimed = w.t.storage().followUps().claimDue("node", Duration.ofMinutes(5), 1).get(0);
                w.t.storage().followUps().update(claimed.toBuilder().status(FollowUpStatus.SENT).attempts(1)
                        .leaseOwner(null).leaseUntil(null).build());
            }
            default -> {
            }
        }
        return scheduled.id();
    }

    @Provide
    Arbitrary<Target> targets() {
        return Arbitraries.of(Target.class);
    }

    @Provide
    Arbitrary<In<String>> reasons() {
        return Hostile.requiredText(FollowUpScheduler.MAX_REASON, true);
    }

    // ---- trigger -------------------------------------------------------------------------------------------------

    @Property(tries = 400)
    @Label("trigger schedules a valid occasion exactly, skips what cannot be sent, and refuses bad input by field")
    void trigger(@ForAll("triggers") Draft d) {
        // given
        World w = new World();
        Who who = d.get("customerId");
        CaseRef caseRef = d.get("caseId");
        CaseId caseId = w.supportCase(caseRef);
        String ruleId = d.get("ruleId");
        String subject = d.get("subject");
        Instant occurredAt = d.get("occurredAt");
        Map<String, String> values = d.get("values");
        CaseStatus required = d.get("requiredCaseStatus");
        Supplier<ScheduleOutcome> trigger = () -> w.scheduler.trigger(ruleId, new Occasion(
                Optional.ofNullable(w.customer(who)), Optional.ofNullable(caseId), subject, occurredAt, values,
                Optional.ofNullable(required)));

        // the fields refused: the occasion's, else the rule's, else (for what would be stored) the values
        Set<String> bad = new LinkedHashSet<>();
        if (who == Who.NONE && caseRef == CaseRef.NONE) {
            bad.add("customerId");
        }
        if (required != null && caseRef == CaseRef.NONE) {
            bad.add("requiredCaseStatus");
        }
        for (String part : new String[] {"subject", "occurredAt"}) {
            if (d.badFields().contains(part)) {
                bad.add(part);
            }
        }
        if (bad.isEmpty() && d.badFields().contains("ruleId")) {
            bad.add("ruleId");
        }

        // what an accepted occasion does
        CustomerId customer = who != Who.NONE ? w.customer(who)
                : caseRef == CaseRef.SEEDS ? w.seed.id() : caseRef == CaseRef.OTHER_CUSTOMERS ? w.other.id() : null;
        Optional<String> skip = caseRef == CaseRef.UNKNOWN ? Optional.of("case not found")
                : required != null && required != CaseStatus.NEW ? Optional.of("case is no longer " + required)
                : who == Who.UNKNOWN ? Optional.of("customer not found") : Optional.empty();
        if (bad.isEmpty() && skip.isEmpty() && d.badFields().contains("values")) {
            bad.add("values");
        }
        // a case of another customer than the one named may be refused; the scheduler does not check it today
        Set<String> mayBeBad = bad.isEmpty() && skip.isEmpty() && who == Who.SEED
                && caseRef == CaseRef.OTHER_CUSTOMERS ? Set.of("caseId") : Set.of();

        // when / then
        expect(w, bad, mayBeBad, null, trigger, outcome -> {
            assertThat(outcome.ruleId()).contains(RULE);
            if (skip.isPresent()) {
                assertSkipped(w, outcome, skip.get());
                return;
            }
            Statistics.label("trigger").collect("scheduled");
            assertThat(outcome.result()).isEqualTo(ScheduleOutcome.Result.SCHEDULED);
            FollowUp stored = w.t.storage().followUps().get(outcome.followUpId().orElseThrow());
            assertThat(outcome.followUp()).contains(stored);
            assertThat(stored.customerId()).isEqualTo(customer);
            assertThat(stored.caseId()).isEqualTo(Optional.ofNullable(caseId));
            assertThat(stored.kind()).isEqualTo(FollowUpKind.WOW);
            assertThat(stored.channel()).isEqualTo(Channel.EMAIL);
            assertThat(stored.dueAt()).isEqualTo(later(occurredAt, w.now()).truncatedTo(ChronoUnit.MICROS));
            assertThat(stored.expiresAt()).isEmpty();
            assertThat(stored.values()).isEqualTo(values);
            assertThat(stored.idempotencyKey()).isEqualTo(RULE + "/" + subject);
            assertThat(w.t.events().events()).singleElement().isInstanceOf(FollowUpScheduled.class);
        });
        Outcomes.requireBothOutcomes();
    }

    @Provide
    Arbitrary<Draft> triggers() {
        return Builders.withBuilder(Draft::new)
                .use(Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.just(In.ok(RULE))),
                        Tuple.of(1, Arbitraries.of("nope", "", "MANUAL-WOW", "manual-wow ").map(In::bad)),
                        Tuple.of(1, Arbitraries.just(In.bad((String) null)))))
                .in((d, v) -> d.with("ruleId", v))
                .use(who()).in((d, v) -> d.with("customerId", v))
                .use(caseRef()).in((d, v) -> d.with("caseId", v))
                .use(Hostile.requiredText(Occasion.MAX_SUBJECT, false)).in((d, v) -> d.with("subject", v))
                .use(Hostile.required(Hostile.instant())).in((d, v) -> d.with("occurredAt", v))
                .use(Hostile.attributes(Limits.ATTRIBUTES, Limits.ATTRIBUTE_VALUE)).in((d, v) -> d.with("values", v))
                .use(Arbitraries.of(CaseStatus.NEW, CaseStatus.RESOLVED).injectNull(0.6).map(In::ok))
                .in((d, v) -> d.with("requiredCaseStatus", v))
                .build();
    }

    // ---- shared --------------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<In<Who>> who() {
        return Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(In.ok(Who.SEED))),
                Tuple.of(2, Arbitraries.just(In.ok(Who.UNKNOWN))),
                Tuple.of(1, Arbitraries.just(new In<>(Who.NONE, false))));
    }

    private static Arbitrary<In<CaseRef>> caseRef() {
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(CaseRef.NONE)),
                Tuple.of(4, Arbitraries.just(CaseRef.SEEDS)), Tuple.of(1, Arbitraries.just(CaseRef.OTHER_CUSTOMERS)),
                Tuple.of(1, Arbitraries.just(CaseRef.UNKNOWN))).map(In::ok);
    }

    /** A kind code: built-in, a host's own, or one {@code FollowUpKind.of} refuses; null for no kind at all. */
    private static Arbitrary<In<String>> kindCode() {
        return Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.of(FollowUpKind.BUILT_IN).map(k -> In.ok(k.code()))),
                Tuple.of(4, Arbitraries.of("loyalty_gift", "Renewal_Call", "k" + "x".repeat(63)).map(In::ok)),
                Tuple.of(2, Arbitraries.of("", "1st", "has space", "wow!", "k" + "x".repeat(64), "n\u0000ul",
                        "émoji🙂").map(In::bad)),
                Tuple.of(1, Arbitraries.just(In.bad((String) null))));
    }

    /** A channel code: none (the scheduler chooses), email, one the customer has no address on, or a bad code. */
    private static Arbitrary<In<String>> channelCode() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just(In.ok((String) null))),
                Tuple.of(6, Arbitraries.just(In.ok("email"))),
                Tuple.of(2, Arbitraries.of("sms", "whatsapp", "line").map(In::ok)),
                Tuple.of(1, Arbitraries.of("", "Has Space", "9lives", "x".repeat(33)).map(In::bad)));
    }

    /** Seconds from the due time to the expiry: none, later, or not later (refused). */
    private static Arbitrary<In<Long>> expiresIn() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(In.ok((Long) null))),
                Tuple.of(6, Arbitraries.longs().between(1, 90L * 24 * 3600).map(In::ok)),
                Tuple.of(1, Arbitraries.longs().between(-3600, 0).map(In::ok)));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static void assertSkipped(World w, ScheduleOutcome outcome, String reason) {
        Statistics.label("schedule").collect("skipped");
        assertThat(outcome.result()).isEqualTo(ScheduleOutcome.Result.SKIPPED);
        assertThat(outcome.reason()).contains(reason);
        assertThat(outcome.followUpId()).isEmpty();
        assertThat(w.t.storage().delegate().followUps().findByStatus(java.util.EnumSet.allOf(FollowUpStatus.class),
                dev.rapport.spi.PageRequest.first()).items()).isEmpty();
        assertThat(w.t.events().events()).isEmpty();
    }

    /**
     * Runs the operation and checks its outcome: refused with a ValidationException naming exactly the bad fields
     * when some are bad (or, when none is, possibly naming only fields that may be bad); ended by the documented
     * exception when one is due; otherwise accepted. After anything but an acceptance the store and the events are
     * unchanged; any other exception fails.
     */
    private static <R> void expect(World w, Set<String> bad, Set<String> mayBeBad,
            Class<? extends RuntimeException> documented, Supplier<R> operation, Consumer<R> whenAccepted) {
        StoreSnapshot before = w.t.snapshot();
        w.t.events().clear();
        R result;
        try {
            result = operation.get();
        } catch (ValidationException e) {
            Statistics.label("outcome").collect("rejected");
            Set<String> named = Outcomes.topLevel(e.fields());
            if (bad.isEmpty()) {
                assertThat(named).as("fields named by %s, none expected bad", e.getMessage()).isNotEmpty()
                        .isSubsetOf(mayBeBad);
            } else {
                assertThat(named).as("fields named by %s", e.getMessage()).isEqualTo(bad);
            }
            assertThat(w.t.snapshot()).as("the store after a refusal").isEqualTo(before);
            assertThat(w.t.events().events()).as("events after a refusal").isEmpty();
            return;
        } catch (RuntimeException e) {
            assertThat(documented).as("an exception that is neither a refusal nor documented: %s", e).isNotNull();
            assertThat(bad).as("bad fields, for %s", e).isEmpty();
            assertThat(e).isInstanceOf(documented);
            Statistics.label("outcome").collect("rejected");
            assertThat(w.t.snapshot()).as("the store after %s", e).isEqualTo(before);
            assertThat(w.t.events().events()).as("events after %s", e).isEmpty();
            return;
        }
        Statistics.label("outcome").collect("accepted");
        assertThat(bad).as("fields expected bad, but the command was accepted").isEmpty();
        assertThat(documented).as("exception expected, but the command was accepted").isNull();
        whenAccepted.accept(result);
    }
}
