package dev.rapport.complaint;

import static dev.rapport.spi.complaint.ComplaintStage.ACKNOWLEDGED;
import static dev.rapport.spi.complaint.ComplaintStage.ASSESSED;
import static dev.rapport.spi.complaint.ComplaintStage.CLOSED;
import static dev.rapport.spi.complaint.ComplaintStage.ESCALATED;
import static dev.rapport.spi.complaint.ComplaintStage.INVESTIGATING;
import static dev.rapport.spi.complaint.ComplaintStage.RECEIVED;
import static dev.rapport.spi.complaint.ComplaintStage.REOPENED;
import static dev.rapport.spi.complaint.ComplaintStage.RESPONDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.tck.TestData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every stage move of a complaint, allowed and illegal, checked against the documented table. */
@DisplayName("Complaint stages")
class ComplaintStageTest {

    /** The table of docs/complaints.md, written out independently of ComplaintStage#next. */
    private static final Map<ComplaintStage, Set<ComplaintStage>> ALLOWED = Map.of(
            RECEIVED, EnumSet.of(ACKNOWLEDGED, CLOSED),
            ACKNOWLEDGED, EnumSet.of(ASSESSED, RESPONDED, ESCALATED, CLOSED),
            ASSESSED, EnumSet.of(INVESTIGATING, RESPONDED, ESCALATED, CLOSED),
            INVESTIGATING, EnumSet.of(RESPONDED, ESCALATED, CLOSED),
            RESPONDED, EnumSet.of(CLOSED, REOPENED, ESCALATED),
            ESCALATED, EnumSet.of(INVESTIGATING, RESPONDED, CLOSED),
            REOPENED, EnumSet.of(ASSESSED, INVESTIGATING, RESPONDED, ESCALATED, CLOSED),
            CLOSED, EnumSet.of(REOPENED, ESCALATED));

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (ComplaintStage from : ComplaintStage.values()) {
            for (ComplaintStage to : ComplaintStage.values()) {
                pairs.add(Arguments.of(from, to, ALLOWED.get(from).contains(to)));
            }
        }
        return pairs.stream();
    }

    private static Complaint at(ComplaintStage stage) {
        return TestData.complaint(CustomerId.random()).stage(stage).receivedAt(T0).updatedAt(T0)
                .deadlines(List.of(ComplaintDeadline.due("reply", T0.plusSeconds(3600)))).build();
    }

    @ParameterizedTest(name = "{0} -> {1} allowed: {2}")
    @MethodSource("everyPair")
    @DisplayName("a move is made exactly when the table allows it, and an illegal one names from and to")
    void everyMoveFollowsTheTable(ComplaintStage from, ComplaintStage to, boolean allowed) {
        // given
        Complaint complaint = at(from);
        Instant when = T0.plusSeconds(60);

        // when
        IllegalTransitionException thrown = catchThrowableOfType(IllegalTransitionException.class,
                () -> complaint.moveTo(to, when));

        // then
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
        if (allowed) {
            assertThat(thrown).isNull();
            assertThat(complaint.moveTo(to, when).stage()).isEqualTo(to);
        } else {
            assertThat(thrown).isNotNull();
            assertThat(thrown.from()).isEqualTo(from);
            assertThat(thrown.to()).isEqualTo(to);
            assertThat(thrown.entity()).isEqualTo("complaint");
            assertThat(thrown.id()).isEqualTo(complaint.id().toString());
        }
    }

    @Test
    @DisplayName("no stage moves to RECEIVED or to itself, and only CLOSED is not open")
    void receivedIsNeverATarget() {
        for (ComplaintStage stage : ComplaintStage.values()) {
            assertThat(stage.canMoveTo(RECEIVED)).as("%s -> RECEIVED", stage).isFalse();
            assertThat(stage.canMoveTo(stage)).as("%s -> itself", stage).isFalse();
            assertThat(stage.isOpen()).isEqualTo(stage != CLOSED);
        }
    }

    @Test
    @DisplayName("moves stamp acknowledgement, first response, closing and reopen count, and responding meets deadlines")
    void movesStampTheirTimes() {
        // given
        Complaint received = at(RECEIVED);

        // when
        Complaint acknowledged = received.moveTo(ACKNOWLEDGED, T0.plusSeconds(1));
        Complaint responded = acknowledged.moveTo(RESPONDED, T0.plusSeconds(2));
        Complaint reopened = responded.moveTo(REOPENED, T0.plusSeconds(3));
        Complaint respondedAgain = reopened.moveTo(RESPONDED, T0.plusSeconds(4));
        Complaint closed = respondedAgain.moveTo(CLOSED, T0.plusSeconds(5));
        Complaint reopenedAfterClosing = closed.moveTo(REOPENED, T0.plusSeconds(6));

        // then
        assertThat(acknowledged.acknowledgedAt()).contains(T0.plusSeconds(1));
        assertThat(responded.respondedAt()).contains(T0.plusSeconds(2));
        assertThat(responded.deadlines().get(0).metAt()).contains(T0.plusSeconds(2));
        assertThat(respondedAgain.respondedAt()).as("the first response is kept").contains(T0.plusSeconds(2));
        assertThat(closed.closedAt()).contains(T0.plusSeconds(5));
        assertThat(reopenedAfterClosing.closedAt()).isEmpty();
        assertThat(reopenedAfterClosing.reopenCount()).isEqualTo(2);
        assertThat(received.deadlines().get(0).isMet()).isFalse();
    }
}
