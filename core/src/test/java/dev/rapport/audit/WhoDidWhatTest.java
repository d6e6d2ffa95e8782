package dev.rapport.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.rapport.Rapport;
import dev.rapport.agent.RegisterAgent;
import dev.rapport.automation.Action;
import dev.rapport.automation.Age;
import dev.rapport.automation.AutomationRule;
import dev.rapport.automation.Condition;
import dev.rapport.cases.AssignCase;
import dev.rapport.cases.CaseTags;
import dev.rapport.cases.OpenCase;
import dev.rapport.cases.SetCaseFields;
import dev.rapport.cases.SnoozeCase;
import dev.rapport.customer.AddContactIdentity;
import dev.rapport.customer.CustomerTags;
import dev.rapport.customer.MergeCustomers;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.customer.RemoveContactIdentity;
import dev.rapport.customer.SetConsent;
import dev.rapport.customer.SetCustomerFields;
import dev.rapport.customer.SetOwnAgent;
import dev.rapport.customer.UpdateCustomerDetails;
import dev.rapport.field.FieldSchema;
import dev.rapport.routing.RoutingPolicy;
import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.audit.TrailAction;
import dev.rapport.spi.audit.TrailEntry;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.ContactIdentityConflictException;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.field.FieldValue;
import dev.rapport.testing.TestRapport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Who did what: the audit trails of customers and cases")
class WhoDidWhatTest {

    private static final Actor ANN = Actor.hostUser("user:ann");

    private final TestRapport t = new TestRapport(builder -> builder.customFields(FieldSchema.builder()
            .customerText("loyalty_note", 200)
            .customerNumber("lifetime_orders")
            .caseText("order_number", 40)
            .build()));

    private Rapport rapport() {
        return t.rapport();
    }

    private List<TrailEntry> customerTrail(Customer customer) {
        return rapport().customers().auditTrail(customer.id());
    }

    private List<TrailEntry> caseTrail(Case supportCase) {
        return rapport().cases().auditTrail(supportCase.id());
    }

    @Nested
    @DisplayName("on a customer")
    class Customers {

        @Test
        @DisplayName("registering records who registered the customer")
        void registering() {
            // given
            RegisterCustomer command = RegisterCustomer.builder().name("Zoë Lee")
                    .identity(ContactIdentity.primary(Channel.EMAIL, "zoe@example.com")).actor(ANN).build();

            // when
            Customer customer = rapport().customers().register(command);

            // then
            assertThat(customerTrail(customer)).singleElement().satisfies(e -> {
                assertThat(e.action()).isEqualTo(TrailAction.CUSTOMER_REGISTERED);
                assertThat(e.actor()).isEqualTo(ANN);
                assertThat(e.at()).isEqualTo(customer.createdAt());
            });
        }

        @Test
        @DisplayName("a command that does not say who acts is recorded as the system's")
        void systemByDefault() {
            // given
            Customer customer = t.customer();

            // when
            rapport().customers().setConsent(new SetConsent(customer.id(), Channel.SMS, ConsentStatus.OPTED_IN));

            // then
            assertThat(customerTrail(customer)).extracting(TrailEntry::action, TrailEntry::actor)
                    .containsExactly(tuple(TrailAction.CUSTOMER_REGISTERED, Actor.system()),
                            tuple(TrailAction.CONSENT_CHANGED, Actor.system()));
        }

        @Test
        @DisplayName("changing details records which details changed, by name, never their values")
        void profileChange() {
            // given
            Customer customer = t.customer();

            // when
            rapport().customers().updateDetails(UpdateCustomerDetails.from(customer).name("Zoë Secret-Name")
                    .segment("gold").actor(ANN).build());

            // then
            TrailEntry last = last(customerTrail(customer));
            assertThat(last.action()).isEqualTo(TrailAction.PROFILE_CHANGED);
            assertThat(last.actor()).isEqualTo(ANN);
            assertThat(last.detail()).contains("name, segment");
            assertThat(last.from()).isEmpty();
            assertThat(last.to()).isEmpty();
        }

        @Test
        @DisplayName("adding and removing an address records the address with its channel, and who did it")
        void identities() {
            // given
            Customer customer = t.customer();
            Actor agent = Actor.agent(t.agent(null).id());

            // when
            rapport().customers().addIdentity(new AddContactIdentity(customer.id(),
                    ContactIdentity.of(Channel.PHONE, "+41 44 668 18 00"), agent));
            rapport().customers().removeIdentity(new RemoveContactIdentity(customer.id(), Channel.PHONE,
                    "+41446681800", Actor.customer(customer.id())));

            // then
            List<TrailEntry> trail = customerTrail(customer);
            assertThat(trail).extracting(TrailEntry::action, TrailEntry::actor, TrailEntry::from, TrailEntry::to)
                    .endsWith(tuple(TrailAction.IDENTITY_ADDED, agent, Optional.empty(),
                                    Optional.of("phone:+41 44 668 18 00")),
                            tuple(TrailAction.IDENTITY_REMOVED, Actor.customer(customer.id()),
                                    Optional.of("phone:+41 44 668 18 00"), Optional.empty()));
        }

        @Test
        @DisplayName("a consent change records the channel's consent before and after")
        void consent() {
            // given
            Customer customer = t.customer();
            rapport().customers().setConsent(new SetConsent(customer.id(), Channel.EMAIL, ConsentStatus.OPTED_IN));

            // when
            rapport().customers().setConsent(new SetConsent(customer.id(), Channel.EMAIL, ConsentStatus.OPTED_OUT,
                    Actor.customer(customer.id())));

            // then
            TrailEntry last = last(customerTrail(customer));
            assertThat(last.action()).isEqualTo(TrailAction.CONSENT_CHANGED);
            assertThat(last.from()).contains("email:OPTED_IN");
            assertThat(last.to()).contains("email:OPTED_OUT");
            assertThat(last.actor()).isEqualTo(Actor.customer(customer.id()));
        }

        @Test
        @DisplayName("tags record those added and taken away; custom fields record the names set and cleared")
        void tagsAndFields() {
            // given
            Customer customer = t.customer();
            rapport().customers().addTags(CustomerTags.of(customer.id(), "vip", "newsletter"));

            // when
            rapport().customers().removeTags(CustomerTags.of(customer.id(), "newsletter").by(ANN));
            rapport().customers().setFields(SetCustomerFields.of(customer.id(), Map.of(
                    "loyalty_note", FieldValue.text("prefers calls after six"),
                    "lifetime_orders", FieldValue.number(new java.math.BigDecimal("12")))).by(ANN));
            rapport().customers().setFields(new SetCustomerFields(customer.id(), Map.of(),
                    Set.of("loyalty_note"), ANN));

            // then
            List<TrailEntry> trail = customerTrail(customer);
            assertThat(trail).extracting(TrailEntry::action, TrailEntry::from, TrailEntry::to, TrailEntry::detail)
                    .containsExactly(
                            tuple(TrailAction.CUSTOMER_REGISTERED, Optional.empty(), Optional.empty(),
                                    Optional.empty()),
                            tuple(TrailAction.CUSTOMER_TAGS_CHANGED, Optional.empty(),
                                    Optional.of("newsletter, vip"), Optional.empty()),
                            tuple(TrailAction.CUSTOMER_TAGS_CHANGED, Optional.of("newsletter"), Optional.empty(),
                                    Optional.empty()),
                            tuple(TrailAction.CUSTOMER_FIELDS_CHANGED, Optional.empty(), Optional.empty(),
                                    Optional.of("set: lifetime_orders, loyalty_note")),
                            tuple(TrailAction.CUSTOMER_FIELDS_CHANGED, Optional.empty(), Optional.empty(),
                                    Optional.of("cleared: loyalty_note")));
            assertThat(trail).noneMatch(e -> e.toString().contains("prefers calls"));
        }

        @Test
        @DisplayName("naming and clearing the own agent records the agents before and after")
        void ownAgent() {
            // given
            Customer customer = t.customer();
            Agent agent = t.agent(null);

            // when
            rapport().customers().setOwnAgent(new SetOwnAgent(customer.id(), Optional.of(agent.id()), ANN));
            rapport().customers().setOwnAgent(new SetOwnAgent(customer.id(), Optional.empty()));

            // then
            assertThat(customerTrail(customer)).extracting(TrailEntry::action, TrailEntry::actor, TrailEntry::from,
                            TrailEntry::to)
                    .endsWith(tuple(TrailAction.OWN_AGENT_SET, ANN, Optional.empty(),
                                    Optional.of(agent.id().toString())),
                            tuple(TrailAction.OWN_AGENT_SET, Actor.system(), Optional.of(agent.id().toString()),
                                    Optional.empty()));
        }

        @Test
        @DisplayName("a merge is recorded on both customers and on every case that moves, as the host's user")
        void merge() {
            // given
            Customer into = t.customer();
            Customer merged = t.customer();
            Case moved = t.openCase(merged.id());

            // when
            rapport().customers().merge(new MergeCustomers(into.id(), merged.id(), "user:ann"));

            // then
            assertThat(customerTrail(merged)).extracting(TrailEntry::action, TrailEntry::actor, TrailEntry::from,
                    TrailEntry::to).endsWith(tuple(TrailAction.MERGED, ANN, Optional.of(merged.id().toString()),
                    Optional.of(into.id().toString())));
            assertThat(customerTrail(into)).extracting(TrailEntry::action)
                    .contains(TrailAction.MERGED, TrailAction.IDENTITY_ADDED);
            assertThat(caseTrail(moved)).extracting(TrailEntry::action, TrailEntry::actor, TrailEntry::from,
                    TrailEntry::to).containsExactly(tuple(TrailAction.MOVED_BY_MERGE, ANN,
                    Optional.of(merged.id().toString()), Optional.of(into.id().toString())));
        }

        @Test
        @DisplayName("a change that changes nothing records nothing, and a refused change records nothing either")
        void nothingForNothing() {
            // given
            Customer customer = t.customer();
            Customer other = t.customer("Other", ContactIdentity.primary(Channel.EMAIL, "taken@example.com"));
            rapport().customers().addTags(CustomerTags.of(customer.id(), "vip"));
            List<TrailEntry> before = customerTrail(customer);

            // when
            rapport().customers().addTags(CustomerTags.of(customer.id(), "vip").by(ANN));
            assertThatThrownBy(() -> rapport().customers().addIdentity(new AddContactIdentity(customer.id(),
                    ContactIdentity.of(Channel.EMAIL, "taken@example.com"), ANN)))
                    .isInstanceOf(ContactIdentityConflictException.class);

            // then
            assertThat(customerTrail(customer)).isEqualTo(before);
            assertThat(customerTrail(other)).hasSize(1);
        }

        @Test
        @DisplayName("the trail reads in pages, oldest first")
        void pages() {
            // given
            Customer customer = t.customer();
            for (int i = 0; i < 5; i++) {
                rapport().customers().addTags(CustomerTags.of(customer.id(), "tag-" + i));
            }

            // when
            var first = rapport().customers().auditTrail(customer.id(), PageRequest.first(4));
            var second = rapport().customers().auditTrail(customer.id(), first.nextRequest().orElseThrow());

            // then
            assertThat(first.items()).extracting(TrailEntry::action).first()
                    .isEqualTo(TrailAction.CUSTOMER_REGISTERED);
            assertThat(second.items()).hasSize(2);
            assertThat(second.hasNext()).isFalse();
        }
    }

    @Nested
    @DisplayName("on a case")
    class Cases {

        @Test
        @DisplayName("assigning by hand records the agent, and reassigning the agents before and after, by whom")
        void assignAndReassign() {
            // given
            Case supportCase = t.openCase(t.customer().id());
            Agent first = t.agent(null);
            Agent second = t.agent(null);

            // when
            rapport().cases().assign(new AssignCase(supportCase.id(), first.id(), ANN));
            rapport().cases().assign(new AssignCase(supportCase.id(), second.id(), Actor.agent(first.id())));

            // then
            assertThat(caseTrail(supportCase)).extracting(TrailEntry::action, TrailEntry::actor, TrailEntry::from,
                            TrailEntry::to)
                    .containsExactly(
                            tuple(TrailAction.CASE_ASSIGNED, ANN, Optional.empty(), Optional.of(first.id().toString())),
                            tuple(TrailAction.CASE_REASSIGNED, Actor.agent(first.id()),
                                    Optional.of(first.id().toString()), Optional.of(second.id().toString())));
        }

        @Test
        @DisplayName("tags, field names and snoozes are recorded with who changed them")
        void tagsFieldsAndSnoozes() {
            // given
            Case supportCase = t.openCase(t.customer().id());
            Actor agent = Actor.agent(t.agent(null).id());
            java.time.Instant until = t.clock().instant().plus(Duration.ofHours(4))
                    .truncatedTo(java.time.temporal.ChronoUnit.MICROS);

            // when
            rapport().cases().addTags(CaseTags.of(supportCase.id(), "late").by(agent));
            rapport().cases().setFields(SetCaseFields.of(supportCase.id(), Map.of("order_number",
                    FieldValue.text("A-1001"))).by(agent));
            rapport().cases().snooze(new SnoozeCase(supportCase.id(), until, agent));
            rapport().cases().unsnooze(supportCase.id(), ANN);

            // then
            assertThat(caseTrail(supportCase)).extracting(TrailEntry::action, TrailEntry::actor, TrailEntry::from,
                            TrailEntry::to, TrailEntry::detail)
                    .containsExactly(
                            tuple(TrailAction.CASE_TAGS_CHANGED, agent, Optional.empty(), Optional.of("late"),
                                    Optional.empty()),
                            tuple(TrailAction.CASE_FIELDS_CHANGED, agent, Optional.empty(), Optional.empty(),
                                    Optional.of("set: order_number")),
                            tuple(TrailAction.SNOOZED, agent, Optional.empty(), Optional.of(until.toString()),
                                    Optional.empty()),
                            tuple(TrailAction.UNSNOOZED, ANN, Optional.of(until.toString()), Optional.empty(),
                                    Optional.empty()));
        }

        @Test
        @DisplayName("a customer's message that reopens a case is the customer's move in its history")
        void customerMessageReopens() {
            // given
            Customer customer = t.customer();
            Case supportCase = t.openCase(customer.id());
            rapport().cases().resolve(supportCase.id(), ANN);

            // when
            rapport().interactions().record(dev.rapport.interaction.RecordInteraction.builder()
                    .customerId(customer.id()).caseId(supportCase.id()).channel(Channel.EMAIL).inbound()
                    .summary("It still has not arrived").build());

            // then
            var history = rapport().cases().get(supportCase.id()).history();
            assertThat(history.get(history.size() - 1)).satisfies(move -> {
                assertThat(move.to()).isEqualTo(CaseStatus.OPEN);
                assertThat(move.actor()).isEqualTo(Actor.customer(customer.id()));
            });
        }

        @Test
        @DisplayName("the status history keeps status moves; the trail keeps none of them")
        void statusMovesStayInTheHistory() {
            // given
            Case supportCase = t.openCase(t.customer().id());

            // when
            rapport().cases().startWork(supportCase.id(), ANN);

            // then
            assertThat(caseTrail(supportCase)).isEmpty();
            assertThat(rapport().cases().get(supportCase.id()).history()).extracting(s -> s.actor())
                    .containsExactly(ANN);
        }
    }

    @Nested
    @DisplayName("by routing and rules")
    class RoutingAndRules {

        @Test
        @DisplayName("the router's assignment is the system's; resolving releases the agent as the one who resolved")
        void routerAssignsAndReleases() {
            // given
            TestRapport routed = new TestRapport(builder -> builder.routing(RoutingPolicy.defaults()));
            try (Rapport rapport = routed.rapport()) {
                Agent ann = rapport.agents().register(RegisterAgent.builder().name("Ann")
                        .capacity(Map.of(Channel.EMAIL, 2)).presence(Presence.AVAILABLE).build());
                Customer customer = routed.customer();

                // when
                Case supportCase = rapport.cases().open(OpenCase.builder().customerId(customer.id())
                        .subject("Parcel").originChannel(Channel.EMAIL).build());
                rapport.cases().resolve(supportCase.id(), Actor.agent(ann.id()));

                // then
                assertThat(rapport.cases().auditTrail(supportCase.id())).extracting(TrailEntry::action,
                                TrailEntry::actor, TrailEntry::from, TrailEntry::to)
                        .containsExactly(
                                tuple(TrailAction.CASE_ASSIGNED, Actor.system(), Optional.empty(),
                                        Optional.of(ann.id().toString())),
                                tuple(TrailAction.CASE_RELEASED, Actor.agent(ann.id()),
                                        Optional.of(ann.id().toString()), Optional.empty()));
            }
        }

        @Test
        @DisplayName("a host's release names who released the case")
        void hostRelease() {
            // given
            TestRapport routed = new TestRapport(builder -> builder.routing(RoutingPolicy.defaults()));
            try (Rapport rapport = routed.rapport()) {
                Agent ann = rapport.agents().register(RegisterAgent.builder().name("Ann")
                        .capacity(Map.of(Channel.EMAIL, 2)).presence(Presence.AVAILABLE).build());
                Case supportCase = rapport.cases().open(OpenCase.builder().customerId(routed.customer().id())
                        .subject("Parcel").originChannel(Channel.EMAIL).build());

                // when
                rapport.routing().release(supportCase.id(), Actor.agent(ann.id()));

                // then
                assertThat(last(rapport.cases().auditTrail(supportCase.id()))).satisfies(e -> {
                    assertThat(e.action()).isEqualTo(TrailAction.CASE_RELEASED);
                    assertThat(e.actor()).isEqualTo(Actor.agent(ann.id()));
                });
            }
        }

        @Test
        @DisplayName("an automation rule's priority change is recorded as the rule's")
        void ruleChangesPriority() {
            // given
            AutomationRule escalate = AutomationRule.builder("escalate old cases")
                    .statuses(CaseStatus.NEW)
                    .when(new Condition.InStatusFor(Age.calendar(Duration.ofHours(1))))
                    .then(new Action.ChangePriority(Priority.URGENT))
                    .build();
            TestRapport ruled = new TestRapport(builder -> builder.automations(escalate));
            try (Rapport rapport = ruled.rapport()) {
                Case supportCase = ruled.openCase(ruled.customer().id());
                ruled.clock().advance(Duration.ofHours(2));

                // when
                rapport.automations().runRound();

                // then
                assertThat(rapport.cases().auditTrail(supportCase.id())).extracting(TrailEntry::action,
                                TrailEntry::actor, TrailEntry::from, TrailEntry::to)
                        .containsExactly(tuple(TrailAction.PRIORITY_CHANGED, Actor.rule("escalate old cases"),
                                Optional.of(supportCase.priority().name()), Optional.of("URGENT")));
            }
        }
    }

    private static TrailEntry last(List<TrailEntry> trail) {
        return trail.get(trail.size() - 1);
    }
}
