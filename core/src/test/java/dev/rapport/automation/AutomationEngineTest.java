package dev.rapport.automation;

import static dev.rapport.automation.AgeTest.CALENDARS;
import static dev.rapport.automation.AgeTest.berlin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.Rapport;
import dev.rapport.spi.RapportConfigurationException;
import dev.rapport.cases.MoveCase;
import dev.rapport.cases.OpenCase;
import dev.rapport.cases.SnoozeCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.sla.SlaPolicy;
import dev.rapport.sla.SlaRule;
import dev.rapport.sla.SlaTargetSpec;
import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.automation.AutomationFiring;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.cases.SlaTarget;
import dev.rapport.spi.cases.StatusChange;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.event.AutomationFired;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.PageRequest;
import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.test.SettableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The automation engine")
class AutomationEngineTest {

    final SettableClock clock = new SettableClock(berlin("2025-03-03T09:00"));
    final InMemoryStorage storage = new InMemoryStorage(clock);
    final List<DomainEvent> events = new CopyOnWriteArrayList<>();

    static final AutomationRule CLOSE_RESOLVED = AutomationRule.builder("close resolved after 2 business days")
            .statuses(CaseStatus.RESOLVED)
            .when(new Condition.InStatusFor(Age.businessDays(2, "shop")))
            .then(new Action.ChangeStatus(CaseStatus.CLOSED))
            .build();

    Rapport rapport(AutomationRule... rules) {
        return Rapport.builder().storage(storage).clock(clock).calendars(CALENDARS).eventPublisher(events::add)
                .slaPolicy(SlaPolicy.builder().rule(SlaRule.builder()
                        .target(SlaTarget.FIRST_REPLY, SlaTargetSpec.calendarTime(Duration.ofHours(1))).build())
                        .build())
                .automations(rules).build();
    }

    Case openCase(Rapport rapport) {
        Customer customer = rapport.customers().register(RegisterCustomer.builder().name("Ada")
                .identity(ContactIdentity.primary(Channel.EMAIL, "ada@example.com"))
                .consent(Channel.EMAIL, ConsentStatus.OPTED_IN).build());
        return rapport.cases().open(OpenCase.builder().customerId(customer.id()).subject("Parcel missing")
                .originChannel(Channel.EMAIL).build());
    }

    List<AutomationFired> fired() {
        return events.stream().filter(AutomationFired.class::isInstance).map(AutomationFired.class::cast).toList();
    }

    @Test
    @DisplayName("closes a resolved case at the close of its second business day, as the rule, once")
    void closesResolvedCases() {
        // given a case resolved Monday 16:00
        Rapport rapport = rapport(CLOSE_RESOLVED);
        Case supportCase = openCase(rapport);
        clock.set(berlin("2025-03-03T16:00"));
        rapport.cases().resolve(supportCase.id());

        // when rounds run before and at Wednesday's close, and again after
        clock.set(berlin("2025-03-05T16:59"));
        int early = rapport.automations().runRound();
        clock.set(berlin("2025-03-05T17:00"));
        int due = rapport.automations().runRound();
        clock.set(berlin("2025-03-07T17:00"));
        int later = rapport.automations().runRound();

        // then it fired once, and the history names the rule as actor and its conditions as reason
        assertThat(List.of(early, due, later)).containsExactly(0, 1, 0);
        Case closed = rapport.cases().get(supportCase.id());
        assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
        StatusChange last = closed.history().get(closed.history().size() - 1);
        assertThat(last.actor()).isEqualTo(Actor.rule("close resolved after 2 business days"));
        assertThat(last.reason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("close resolved after 2 business days").contains("2 business days on shop"));
        assertThat(closed.history().get(closed.history().size() - 2).actor()).isEqualTo(Actor.system());
        assertThat(rapport.automations().firings(supportCase.id())).containsExactly(new AutomationFiring(
                "close resolved after 2 business days", supportCase.id(), berlin("2025-03-03T16:00"),
                berlin("2025-03-05T17:00"), "status CLOSED"));
        assertThat(fired()).singleElement().satisfies(event -> {
            assertThat(event.ruleName()).isEqualTo("close resolved after 2 business days");
            assertThat(event.occasion()).isEqualTo(berlin("2025-03-03T16:00"));
            assertThat(event.signal()).isEmpty();
        });
    }

    @Test
    @DisplayName("reminds a case pending on the customer, then closes it, each rule once")
    void remindsThenCloses() {
        // given a reminder after one business day and a close after three
        AutomationRule remind = AutomationRule.builder("remind pending")
                .statuses(CaseStatus.PENDING_CUSTOMER)
                .when(new Condition.NoCustomerMessageFor(Age.businessDays(1, "shop")),
                        new Condition.InStatusFor(Age.businessDays(1, "shop")))
                .then(new Action.SendMessage(FollowUpKind.of("pending_reminder"),
                        "Do you still need help with {caseSubject}? Write to {shop}.", Map.of("shop", "Ada's Shop")))
                .build();
        AutomationRule close = AutomationRule.builder("close pending")
                .statuses(CaseStatus.PENDING_CUSTOMER)
                .when(new Condition.InStatusFor(Age.businessDays(3, "shop")))
                .then(new Action.ChangeStatus(CaseStatus.CLOSED))
                .build();
        Rapport rapport = rapport(remind, close);
        Case supportCase = openCase(rapport);
        rapport.cases().waitOnCustomer(supportCase.id(), Actor.hostUser("user:ann"));

        // when rounds run on Tuesday and Thursday evenings
        clock.set(berlin("2025-03-04T18:00"));
        int tuesday = rapport.automations().runRound();
        clock.set(berlin("2025-03-06T18:00"));
        int thursday = rapport.automations().runRound();
        int again = rapport.automations().runRound();

        // then the reminder went out once with the rendered text, and the case was closed through RESOLVED
        assertThat(List.of(tuesday, thursday, again)).containsExactly(1, 1, 0);
        List<FollowUp> followUps = storage.followUps().findByCustomer(supportCase.customerId(),
                PageRequest.first(10)).items();
        assertThat(followUps).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FollowUpKind.of("pending_reminder"));
            assertThat(f.caseId()).contains(supportCase.id());
            assertThat(f.values()).containsEntry("text",
                    "Do you still need help with Parcel missing? Write to Ada's Shop.");
        });
        Case closed = rapport.cases().get(supportCase.id());
        assertThat(closed.history()).extracting(StatusChange::to, c -> c.actor().kind()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(CaseStatus.PENDING_CUSTOMER, Actor.Kind.HOST_USER),
                org.assertj.core.groups.Tuple.tuple(CaseStatus.RESOLVED, Actor.Kind.RULE),
                org.assertj.core.groups.Tuple.tuple(CaseStatus.CLOSED, Actor.Kind.RULE));
        assertThat(rapport.automations().firings(supportCase.id())).extracting(AutomationFiring::ruleName)
                .containsExactly("remind pending", "close pending");
    }

    @Test
    @DisplayName("escalates a case whose SLA broke: priority, team and a signal on the event")
    void escalatesBreaches() {
        // given a one-hour first-reply target and an escalation rule
        AutomationRule escalate = AutomationRule.builder("escalate breaches")
                .statuses(CaseStatus.NEW, CaseStatus.OPEN)
                .when(new Condition.Sla(SlaState.BREACHED), new Condition.ChannelIn(java.util.Set.of(Channel.EMAIL)))
                .then(new Action.ChangePriority(Priority.URGENT), new Action.Route(Optional.of(TeamId.of("tier-2"))),
                        new Action.RaiseEvent("page-manager"))
                .build();
        Rapport rapport = rapport(escalate);
        Case supportCase = openCase(rapport);

        // when rounds run before and after the breach
        clock.advance(Duration.ofMinutes(59));
        int before = rapport.automations().runRound();
        clock.advance(Duration.ofMinutes(2));
        int after = rapport.automations().runRound();

        // then
        assertThat(List.of(before, after)).containsExactly(0, 1);
        Case escalated = rapport.cases().get(supportCase.id());
        assertThat(escalated.priority()).isEqualTo(Priority.URGENT);
        assertThat(escalated.team()).contains(TeamId.of("tier-2"));
        assertThat(fired()).singleElement().satisfies(event -> {
            assertThat(event.signal()).contains("page-manager");
            assertThat(event.outcome()).isEqualTo("priority URGENT; route to team tier-2; event page-manager");
        });
    }

    @Test
    @DisplayName("fires again on a new occasion: a reopened and again resolved case is a new one")
    void firesOncePerOccasion() {
        // given a rule on every resolved case
        AutomationRule signal = AutomationRule.builder("signal resolved").statuses(CaseStatus.RESOLVED)
                .then(new Action.RaiseEvent("resolved")).build();
        Rapport rapport = rapport(signal);
        Case supportCase = openCase(rapport);
        rapport.cases().resolve(supportCase.id(), Actor.agent(dev.rapport.spi.agent.AgentId.random()));

        // when it runs twice, then the case is reopened and resolved again, and it runs twice more
        int first = rapport.automations().runRound() + rapport.automations().runRound();
        clock.advance(Duration.ofMinutes(5));
        rapport.cases().reopen(supportCase.id(), Actor.customer(supportCase.customerId()));
        clock.advance(Duration.ofMinutes(5));
        rapport.cases().resolve(supportCase.id());
        int second = rapport.automations().runRound() + rapport.automations().runRound();

        // then once per occasion
        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(1);
        assertThat(rapport.automations().firings(supportCase.id())).hasSize(2);
        assertThat(rapport.cases().get(supportCase.id()).history()).extracting(c -> c.actor().kind())
                .containsExactly(Actor.Kind.AGENT, Actor.Kind.CUSTOMER, Actor.Kind.SYSTEM);
    }

    @Test
    @DisplayName("skips a snoozed case until its snooze ends")
    void skipsSnoozedCases() {
        // given a resolved case snoozed until Friday 09:00
        Rapport rapport = rapport(CLOSE_RESOLVED);
        Case supportCase = openCase(rapport);
        clock.set(berlin("2025-03-03T16:00"));
        rapport.cases().resolve(supportCase.id());
        Case snoozed = rapport.cases().snooze(new SnoozeCase(supportCase.id(), berlin("2025-03-07T09:00"),
                Actor.hostUser("user:ann")));

        // when rounds run while it is snoozed and after
        clock.set(berlin("2025-03-06T12:00"));
        int whileSnoozed = rapport.automations().runRound();
        clock.set(berlin("2025-03-07T09:00"));
        int after = rapport.automations().runRound();

        // then
        assertThat(snoozed.snoozedUntil()).contains(berlin("2025-03-07T09:00"));
        assertThat(List.of(whileSnoozed, after)).containsExactly(0, 1);
        assertThat(rapport.cases().get(supportCase.id()).status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    @DisplayName("a snooze that does not end after now is refused naming until, and unsnooze ends a snooze")
    void snoozeRules() {
        // given
        Rapport rapport = rapport();
        Case supportCase = openCase(rapport);

        // when
        ValidationException refused = catchThrowableOfType(() -> rapport.cases().snooze(
                new SnoozeCase(supportCase.id(), clock.instant().minusSeconds(1))), ValidationException.class);
        rapport.cases().snooze(new SnoozeCase(supportCase.id(), clock.instant().plusSeconds(3_600)));
        Case woken = rapport.cases().unsnooze(supportCase.id());

        // then
        assertThat(refused.violations()).extracting(v -> v.field()).containsExactly("until");
        assertThat(woken.snoozedUntil()).isEmpty();
    }

    @Test
    @DisplayName("a firing whose action is not allowed stores nothing: no firing, no change, no event")
    void failingActionsRollBack() {
        // given a rule that tries a move the lifecycle forbids
        AutomationRule bad = AutomationRule.builder("pend resolved").statuses(CaseStatus.RESOLVED)
                .then(new Action.ChangePriority(Priority.LOW), new Action.ChangeStatus(CaseStatus.PENDING_CUSTOMER))
                .build();
        Rapport rapport = rapport(bad);
        Case supportCase = openCase(rapport);
        Case resolved = rapport.cases().resolve(supportCase.id());
        events.clear();

        // when
        int fired = rapport.automations().runRound();

        // then
        assertThat(fired).isZero();
        assertThat(rapport.automations().firings(supportCase.id())).isEmpty();
        assertThat(rapport.cases().get(supportCase.id())).isEqualTo(resolved);
        assertThat(events).isEmpty();
    }

    @Test
    @DisplayName("a move by an actor with a reason is kept in the history; a move without one is the system's")
    void movesRecordTheirActor() {
        // given
        Rapport rapport = rapport();
        Case supportCase = openCase(rapport);
        dev.rapport.spi.agent.AgentId agent = dev.rapport.spi.agent.AgentId.random();

        // when
        rapport.cases().startWork(supportCase.id(), Actor.agent(agent));
        rapport.cases().move(new MoveCase(supportCase.id(), CaseStatus.ON_HOLD, Actor.hostUser("user:bo"),
                Optional.of("waiting for the carrier")));
        rapport.cases().resolve(supportCase.id());

        // then
        assertThat(rapport.cases().get(supportCase.id()).history()).extracting(StatusChange::actor,
                StatusChange::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Actor.agent(agent), Optional.empty()),
                org.assertj.core.groups.Tuple.tuple(Actor.hostUser("user:bo"), Optional.of("waiting for the carrier")),
                org.assertj.core.groups.Tuple.tuple(Actor.system(), Optional.empty()));
    }

    @Test
    @DisplayName("build refuses rules that share a name or name an unknown calendar, naming automations")
    void configurationIsChecked() {
        // given
        AutomationRule unknownCalendar = AutomationRule.builder("x").statuses(CaseStatus.OPEN)
                .when(new Condition.OpenFor(Age.businessDays(1, "nowhere"))).then(new Action.RaiseEvent("x")).build();

        // when / then
        for (AutomationRule[] rules : List.of(new AutomationRule[] {CLOSE_RESOLVED, CLOSE_RESOLVED},
                new AutomationRule[] {unknownCalendar}, new AutomationRule[] {null})) {
            RapportConfigurationException refused = catchThrowableOfType(() -> rapport(rules),
                    RapportConfigurationException.class);
            assertThat(refused.property()).isEqualTo("automations");
        }
    }
}
