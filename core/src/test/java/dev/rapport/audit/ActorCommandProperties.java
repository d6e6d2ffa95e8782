package dev.rapport.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.cases.AssignCase;
import dev.rapport.cases.CaseTags;
import dev.rapport.cases.SnoozeCase;
import dev.rapport.customer.AddContactIdentity;
import dev.rapport.customer.CustomerTags;
import dev.rapport.customer.SetConsent;
import dev.rapport.customer.SetOwnAgent;
import dev.rapport.customer.UpdateCustomerDetails;
import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.audit.TrailEntry;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.validation.Limits;
import dev.rapport.testing.Hostile;
import dev.rapport.testing.In;
import dev.rapport.testing.Outcomes;
import dev.rapport.testing.TestRapport;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * The commands that say who acts, under hostile actors and missing ids: a command is either accepted, and every
 * entry it adds to a trail names its actor (the system when it named none), or refused with a
 * {@code ValidationException} naming exactly the bad field, with no trail, record or event changed.
 */
@StatisticsReport(StatisticsReportMode.OFF)
@Label("Commands that say who acts, under hostile input")
class ActorCommandProperties {

    /** The commands that take an actor, and the argument that names whose trail they write. */
    enum Command {
        UPDATE_DETAILS, ADD_IDENTITY, SET_CONSENT, CUSTOMER_TAGS, SET_OWN_AGENT, CASE_TAGS, ASSIGN, SNOOZE,
        UNSNOOZE, AUDIT_TRAIL
    }

    @Provide
    Arbitrary<In<String>> names() {
        return Hostile.requiredText(Limits.NAME, false);
    }

    @Property(tries = 400)
    @Label("an accepted command records its actor; a refused one names the bad field and writes nothing")
    void commandsSayWhoActs(@ForAll Command command, @ForAll("names") In<String> actorName,
            @ForAll("nullActor") boolean noActor, @ForAll("missingId") boolean missingId) {
        // given
        TestRapport t = new TestRapport();
        Customer customer = t.customer();
        Case supportCase = t.openCase(customer.id());
        var agent = t.agent(null);
        List<TrailEntry> customerBefore = t.rapport().customers().auditTrail(customer.id());
        List<TrailEntry> caseBefore = t.rapport().cases().auditTrail(supportCase.id());
        Set<String> bad = new LinkedHashSet<>();
        if (!noActor && !actorName.valid()) {
            bad.add("name"); // the actor refuses its name before any command exists
        } else if (noActor && command == Command.UNSNOOZE && !missingId) {
            bad.add("actor"); // an argument, not a command component: no default
        } else if (missingId) {
            bad.add(command.ordinal() <= Command.SET_OWN_AGENT.ordinal() || command == Command.AUDIT_TRAIL
                    ? "customerId" : "caseId");
        }
        Supplier<Actor> actor = () -> noActor ? null : Actor.hostUser(actorName.value());
        var customerId = missingId ? null : customer.id();
        var caseId = missingId ? null : supportCase.id();

        // when / then
        Outcomes.expect(t, bad, () -> run(t, command, actor.get(), customerId, caseId, agent.id()), result -> {
            Actor expected = noActor ? Actor.system() : Actor.hostUser(actorName.value());
            List<TrailEntry> added = new ArrayList<>(t.rapport().customers().auditTrail(customer.id()));
            added.removeAll(customerBefore);
            List<TrailEntry> addedToCase = new ArrayList<>(t.rapport().cases().auditTrail(supportCase.id()));
            addedToCase.removeAll(caseBefore);
            added.addAll(addedToCase);
            if (command != Command.UNSNOOZE && command != Command.AUDIT_TRAIL) {
                assertThat(added).as("entries the command added").isNotEmpty();
            }
            assertThat(added).allSatisfy(e -> assertThat(e.actor()).isEqualTo(expected));
        });
        if (!bad.isEmpty()) {
            assertThat(t.rapport().customers().auditTrail(customer.id())).isEqualTo(customerBefore);
            assertThat(t.rapport().cases().auditTrail(supportCase.id())).isEqualTo(caseBefore);
        }
        Outcomes.requireBothOutcomes();
    }

    private static Object run(TestRapport t, Command command, Actor actor, CustomerId customerId, CaseId caseId,
            AgentId agentId) {
        return switch (command) {
            case UPDATE_DETAILS -> t.rapport().customers().updateDetails(UpdateCustomerDetails.builder(customerId)
                    .name("Renamed").actor(actor).build());
            case ADD_IDENTITY -> t.rapport().customers().addIdentity(new AddContactIdentity(customerId,
                    ContactIdentity.of(Channel.SMS, "+41 79 555 01 01"), actor));
            case SET_CONSENT -> t.rapport().customers().setConsent(new SetConsent(customerId, Channel.SMS,
                    ConsentStatus.OPTED_OUT, actor));
            case CUSTOMER_TAGS -> t.rapport().customers().addTags(new CustomerTags(customerId, Set.of("vip"),
                    actor));
            case SET_OWN_AGENT -> t.rapport().customers().setOwnAgent(new SetOwnAgent(customerId,
                    Optional.of(agentId), actor));
            case CASE_TAGS -> t.rapport().cases().addTags(new CaseTags(caseId, Set.of("late"), actor));
            case ASSIGN -> t.rapport().cases().assign(new AssignCase(caseId, agentId, actor));
            case SNOOZE -> t.rapport().cases().snooze(new SnoozeCase(caseId, t.clock().instant()
                    .plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MICROS), actor));
            case UNSNOOZE -> t.rapport().cases().unsnooze(caseId, actor);
            case AUDIT_TRAIL -> t.rapport().customers().auditTrail(customerId);
        };
    }

    @Provide
    Arbitrary<Boolean> nullActor() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(true)), Tuple.of(5, Arbitraries.just(false)));
    }

    @Provide
    Arbitrary<Boolean> missingId() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(true)), Tuple.of(5, Arbitraries.just(false)));
    }
}
