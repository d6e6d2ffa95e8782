package dev.rapport.complaint;

import static dev.rapport.complaint.ComplaintFixtures.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.Channel;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintKind;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.event.ComplaintClosed;
import dev.rapport.spi.event.ComplaintReceived;
import dev.rapport.spi.event.ComplimentReceived;
import dev.rapport.tck.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Compliments come through the complaints door, are thanked, closed, counted and credited to agents. */
@DisplayName("Compliments")
class ComplimentTest {

    private static final Instant T0 = utc("2026-03-02T10:00:00");

    private final ComplaintFixtures fx = new ComplaintFixtures(T0);

    @Test
    @DisplayName("are stored with a reference, thanked, closed at once and announced without a ComplaintClosed")
    void complimentIsThankedAndClosed() {
        // given
        Customer customer = fx.customer();
        Agent kenji = fx.storage.agents().insert(TestData.agent().build());

        // when
        Complaint compliment = fx.service.receiveCompliment(ReceiveCompliment.of(customer.id(), Channel.CHAT,
                "Kenji sorted it in two minutes!", Set.of(kenji.id())));

        // then
        assertThat(compliment.kind()).isEqualTo(ComplaintKind.COMPLIMENT);
        assertThat(compliment.stage()).isEqualTo(ComplaintStage.CLOSED);
        assertThat(compliment.deadlines()).isEmpty();
        assertThat(compliment.reference().value()).isEqualTo("CMP-2026-000001");
        assertThat(fx.messenger.ofKind("compliment_acknowledgement")).hasSize(1);
        assertThat(fx.events(ComplimentReceived.class)).singleElement()
                .satisfies(e -> assertThat(e.agentIds()).containsExactly(kenji.id()));
        assertThat(fx.events(ComplaintReceived.class)).isEmpty();
        assertThat(fx.events(ComplaintClosed.class)).isEmpty();
    }

    @Test
    @DisplayName("are counted per agent in a period, most first, a compliment for two agents counting for both")
    void complimentsAreCreditedToAgents() {
        // given
        Customer customer = fx.customer();
        AgentId ann = fx.storage.agents().insert(TestData.agent().build()).id();
        AgentId bob = fx.storage.agents().insert(TestData.agent().build()).id();
        fx.service.receiveCompliment(ReceiveCompliment.of(customer.id(), Channel.EMAIL, "Thanks Ann", Set.of(ann)));
        fx.service.receiveCompliment(ReceiveCompliment.of(customer.id(), Channel.EMAIL, "Thanks both",
                Set.of(ann, bob)));
        fx.service.receiveCompliment(ReceiveCompliment.of(customer.id(), Channel.EMAIL, "Great shop", Set.of()));
        fx.receive(customer);
        fx.advance(Duration.ofDays(1));
        fx.service.receiveCompliment(ReceiveCompliment.of(customer.id(), Channel.EMAIL, "Bob again", Set.of(bob)));

        // when
        ComplimentTally firstDay = fx.service.complimentTally(TimeRange.of(T0, T0.plus(Duration.ofDays(1))));
        ComplimentTally both = fx.service.complimentTally(TimeRange.ALL);

        // then
        assertThat(firstDay.total()).isEqualTo(3);
        assertThat(firstDay.byAgent()).containsExactly(java.util.Map.entry(ann, 2L), java.util.Map.entry(bob, 1L));
        assertThat(both.total()).isEqualTo(4);
        assertThat(both.of(ann)).isEqualTo(2);
        assertThat(both.of(bob)).isEqualTo(2);
        assertThat(both.of(AgentId.random())).isZero();
    }

    @Test
    @DisplayName("reject credit for an unknown agent and a blank message, storing nothing")
    void badComplimentIsRejected() {
        // given
        Customer customer = fx.customer();

        // when
        ValidationException thrown = catchThrowableOfType(ValidationException.class,
                () -> fx.service.receiveCompliment(ReceiveCompliment.of(customer.id(), Channel.EMAIL, "Thanks",
                        Set.of(AgentId.random()))));
        ValidationException blank = catchThrowableOfType(ValidationException.class,
                () -> fx.service.receiveCompliment(ReceiveCompliment.of(customer.id(), Channel.EMAIL, "",
                        Set.of())));

        // then
        assertThat(thrown.fields()).containsExactly("agentIds");
        assertThat(blank.fields()).containsExactly("description");
        assertThat(fx.service.complimentTally(TimeRange.ALL).total()).isZero();
    }
}
