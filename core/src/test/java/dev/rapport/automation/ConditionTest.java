package dev.rapport.automation;

import static dev.rapport.automation.AgeTest.CALENDARS;
import static dev.rapport.automation.AgeTest.berlin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.sla.SlaClock;
import dev.rapport.sla.SlaOutcome;
import dev.rapport.sla.SlaStatus;
import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.cases.SlaTarget;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.interaction.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Automation conditions")
class ConditionTest {

    static final Instant OPENED = berlin("2025-03-03T10:00");

    /** An email case about billing opened Monday 10:00 and resolved the same day at 16:00. */
    final Case resolved = Case.builder().id(CaseId.random()).customerId(CustomerId.random()).subject("Refund")
            .category("billing").priority(Priority.HIGH).originChannel(Channel.EMAIL).createdAt(OPENED)
            .updatedAt(OPENED).build()
            .moveTo(CaseStatus.OPEN, OPENED.plusSeconds(60))
            .moveTo(CaseStatus.RESOLVED, berlin("2025-03-03T16:00"));

    final List<Interaction> interactions = new ArrayList<>();
    SlaStatus sla = new SlaStatus(resolved.id(), OPENED, List.of());

    AutomationFacts at(String local) {
        return AutomationFacts.of(resolved, berlin(local), CALENDARS, () -> interactions, () -> sla);
    }

    Interaction message(Direction direction, Handler handler, String local) {
        Instant at = berlin(local);
        return Interaction.builder().id(InteractionId.random()).customerId(resolved.customerId())
                .channel(Channel.EMAIL).direction(direction).occurredAt(at).caseId(resolved.id())
                .kind(InteractionKind.MESSAGE).handledBy(handler).visibility(Visibility.PUBLIC).recordedAt(at)
                .build();
    }

    SlaClock clock(SlaOutcome outcome, Instant warningAt) {
        return new SlaClock(SlaTarget.FIRST_REPLY, 1, OPENED, Duration.ofHours(4), Optional.empty(),
                Duration.ofHours(1), Duration.ofHours(3), false, outcome, Optional.of(OPENED.plus(Duration.ofHours(4))),
                Optional.of(warningAt), Optional.empty());
    }

    @Test
    @DisplayName("in-status-for counts from the last move, in business days on the calendar")
    void inStatusFor() {
        // given resolved Monday 16:00, waiting two business days
        Condition condition = new Condition.InStatusFor(Age.businessDays(2, "shop"));

        // when / then: reached at Wednesday's close of business
        assertThat(condition.holds(at("2025-03-05T16:59"))).isFalse();
        assertThat(condition.holds(at("2025-03-05T17:00"))).isTrue();
    }

    @Test
    @DisplayName("open-for counts from creation in calendar time")
    void openFor() {
        // given
        Condition condition = new Condition.OpenFor(Age.calendar(Duration.ofHours(48)));

        // when / then
        assertThat(condition.holds(at("2025-03-05T09:59"))).isFalse();
        assertThat(condition.holds(at("2025-03-05T10:00"))).isTrue();
    }

    @Test
    @DisplayName("priority, channel and category conditions match the case's own values")
    void valueConditions() {
        // given / when / then
        assertThat(new Condition.PriorityIn(Set.of(Priority.HIGH, Priority.URGENT)).holds(at("2025-03-04T10:00")))
                .isTrue();
        assertThat(new Condition.PriorityIn(Set.of(Priority.LOW)).holds(at("2025-03-04T10:00"))).isFalse();
        assertThat(new Condition.ChannelIn(Set.of(Channel.EMAIL)).holds(at("2025-03-04T10:00"))).isTrue();
        assertThat(new Condition.ChannelIn(Set.of(Channel.PHONE)).holds(at("2025-03-04T10:00"))).isFalse();
        assertThat(new Condition.CategoryIn(Set.of("billing")).holds(at("2025-03-04T10:00"))).isTrue();
        assertThat(new Condition.CategoryIn(Set.of("shipping")).holds(at("2025-03-04T10:00"))).isFalse();
    }

    @Test
    @DisplayName("the SLA condition tells breached, about to breach and on track apart")
    void slaStates() {
        // given a clock in its warning share
        sla = new SlaStatus(resolved.id(), OPENED, List.of(clock(SlaOutcome.IN_PROGRESS, OPENED.plusSeconds(60))));

        // when / then
        assertThat(new Condition.Sla(SlaState.WARNING).holds(at("2025-03-03T12:00"))).isTrue();
        assertThat(new Condition.Sla(SlaState.BREACHED).holds(at("2025-03-03T12:00"))).isFalse();
        assertThat(new Condition.Sla(SlaState.ON_TRACK).holds(at("2025-03-03T12:00"))).isFalse();

        // and a breached clock is breached, not warning
        sla = new SlaStatus(resolved.id(), OPENED, List.of(clock(SlaOutcome.BREACHED, OPENED.plusSeconds(60))));
        assertThat(new Condition.Sla(SlaState.BREACHED).holds(at("2025-03-03T12:00"))).isTrue();
        assertThat(new Condition.Sla(SlaState.WARNING).holds(at("2025-03-03T12:00"))).isFalse();

        // and a clock before its warning is on track; no clock at all is none of them
        sla = new SlaStatus(resolved.id(), OPENED, List.of(clock(SlaOutcome.IN_PROGRESS,
                berlin("2025-03-04T10:00"))));
        assertThat(new Condition.Sla(SlaState.ON_TRACK).holds(at("2025-03-03T12:00"))).isTrue();
        sla = new SlaStatus(resolved.id(), OPENED, List.of());
        assertThat(new Condition.Sla(SlaState.ON_TRACK).holds(at("2025-03-03T12:00"))).isFalse();
    }

    @Test
    @DisplayName("time since the last customer message counts from the latest inbound message, in business time")
    void noCustomerMessageFor() {
        // given the customer wrote Monday 11:00 and Tuesday 16:30; a bot answered later
        interactions.add(message(Direction.INBOUND, Handler.HUMAN, "2025-03-03T11:00"));
        interactions.add(message(Direction.INBOUND, Handler.HUMAN, "2025-03-04T16:30"));
        interactions.add(message(Direction.OUTBOUND, Handler.BOT, "2025-03-04T16:40"));
        Condition condition = new Condition.NoCustomerMessageFor(Age.businessTime(Duration.ofHours(1), "shop"));

        // when / then: 16:30-17:00 on Tuesday, then 09:00-09:30 on Wednesday
        assertThat(condition.holds(at("2025-03-05T09:29"))).isFalse();
        assertThat(condition.holds(at("2025-03-05T09:30"))).isTrue();
    }

    @Test
    @DisplayName("time since the last agent message counts only human outbound messages, else from creation")
    void noAgentMessageFor() {
        // given no agent has written yet; only a bot did
        interactions.add(message(Direction.OUTBOUND, Handler.BOT, "2025-03-03T10:01"));
        Condition condition = new Condition.NoAgentMessageFor(Age.calendar(Duration.ofHours(2)));

        // when / then: counted from creation at 10:00
        assertThat(condition.holds(at("2025-03-03T12:00"))).isTrue();

        // and once an agent writes at 11:30, from then
        interactions.add(message(Direction.OUTBOUND, Handler.HUMAN, "2025-03-03T11:30"));
        assertThat(condition.holds(at("2025-03-03T13:29"))).isFalse();
        assertThat(condition.holds(at("2025-03-03T13:30"))).isTrue();
    }

    @Test
    @DisplayName("value conditions refuse empty sets, nulls and bad category codes by field")
    void badConditionsAreRefused() {
        // given / when / then
        assertThat(catchThrowableOfType(() -> new Condition.PriorityIn(Set.of()), ValidationException.class)
                .violations()).extracting(v -> v.field()).containsExactly("priorities");
        assertThat(catchThrowableOfType(() -> new Condition.ChannelIn(null), ValidationException.class)
                .violations()).extracting(v -> v.field()).containsExactly("channels");
        assertThat(catchThrowableOfType(() -> new Condition.CategoryIn(Set.of("bad code\u0000")),
                ValidationException.class).violations()).extracting(v -> v.field()).containsExactly("categories");
        assertThat(catchThrowableOfType(() -> new Condition.InStatusFor(null), ValidationException.class)
                .violations()).extracting(v -> v.field()).containsExactly("age");
        assertThat(catchThrowableOfType(() -> new Condition.Sla(null), ValidationException.class)
                .violations()).extracting(v -> v.field()).containsExactly("slaState");
    }
}
