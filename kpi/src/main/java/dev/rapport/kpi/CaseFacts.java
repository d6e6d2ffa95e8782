package dev.rapport.kpi;

import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.StatusChange;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.interaction.Visibility;
import dev.rapport.spi.kpi.ElapsedTime;
import dev.rapport.spi.kpi.ExclusionReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The record-level rules the KPI definitions share: what a contact, a reply or a resolution is. Stateless. */
final class CaseFacts {

    /** Interaction kinds that are never a contact: notes, purchases and survey answers. */
    static final Set<InteractionKind> NOT_CONTACTS =
            EnumSet.of(InteractionKind.NOTE, InteractionKind.PURCHASE, InteractionKind.FEEDBACK);

    private CaseFacts() {
    }

    /** A public message or call from the customer: inbound, public, not a note, purchase or survey answer. */
    static boolean isCustomerMessage(Interaction i) {
        return i.direction() == Direction.INBOUND && i.visibility() == Visibility.PUBLIC
                && !NOT_CONTACTS.contains(i.kind());
    }

    /** A contact outside any case: a customer message that belongs to no case. */
    static boolean isCaselessContact(Interaction i) {
        return isCustomerMessage(i) && i.caseId().isEmpty();
    }

    /** A self-service or bot contact: a customer message on an automated channel, or handled by a bot. */
    static boolean isAutomatedContact(Interaction i, Set<Channel> automated) {
        return isCustomerMessage(i) && (automated.contains(i.channel()) || i.handledBy() == Handler.BOT);
    }

    /** A human contact: public, handled by a human on a channel that is not automated, not a note or purchase. */
    static boolean isHumanContact(Interaction i, Set<Channel> automated) {
        return i.handledBy() == Handler.HUMAN && i.visibility() == Visibility.PUBLIC
                && !automated.contains(i.channel()) && !NOT_CONTACTS.contains(i.kind());
    }

    /** The data-quality problem of a case's resolution data, if any. */
    static Optional<ExclusionReason> resolutionProblem(Case c) {
        boolean resolvedNow = !c.status().isUnresolved();
        if (resolvedNow && (c.resolvedAt().isEmpty() || c.firstResolvedAt().isEmpty())) {
            return Optional.of(ExclusionReason.MISSING_RESOLUTION_TIME);
        }
        if (c.firstResolvedAt().filter(r -> r.isBefore(c.createdAt())).isPresent()
                || c.resolvedAt().filter(r -> r.isBefore(c.createdAt())).isPresent()) {
            return Optional.of(ExclusionReason.RESOLVED_BEFORE_CREATED);
        }
        if (c.firstResolvedAt().isPresent() && c.resolvedAt().isPresent()
                && c.resolvedAt().get().isBefore(c.firstResolvedAt().get())) {
            return Optional.of(ExclusionReason.RESOLUTIONS_OUT_OF_ORDER);
        }
        if (c.reopenCount() > 0 && c.firstResolvedAt().isEmpty()) {
            return Optional.of(ExclusionReason.REOPENED_WITHOUT_RESOLUTION);
        }
        return Optional.empty();
    }

    /**
     * Why no time can be measured from the case's creation time, if it cannot: the creation time is only estimated
     * or not known (imported history; see {@link dev.rapport.spi.cases.CreationTimeQuality}).
     */
    static Optional<ExclusionReason> creationProblem(Case c) {
        return switch (c.createdAtQuality()) {
            case RECORDED -> Optional.empty();
            case ESTIMATED -> Optional.of(ExclusionReason.CREATION_TIME_ESTIMATED);
            case UNKNOWN -> Optional.of(ExclusionReason.CREATION_TIME_UNKNOWN);
        };
    }

    /** Whether any human public reply of the case is dated before the case was created. */
    static boolean repliedBeforeCreated(Case c, List<Interaction> interactions) {
        return interactions.stream().anyMatch(i -> i.isHumanPublicReply() && i.occurredAt().isBefore(c.createdAt()));
    }

    /** The case's first reply: its first human public reply, else its first-reply stamp. */
    static Optional<Instant> firstReply(Case c, List<Interaction> interactions) {
        return interactions.stream().filter(Interaction::isHumanPublicReply).map(Interaction::occurredAt)
                .min(Comparator.naturalOrder()).or(c::firstReplyAt);
    }

    /**
     * Whether the case's first reply is dated after its first resolution though the case was never reopened: it was
     * resolved before anyone answered, so its reply time and its first-contact outcome mean nothing.
     */
    static boolean repliedAfterResolved(Case c, Optional<Instant> firstReply) {
        return c.reopenCount() == 0 && firstReply.isPresent()
                && c.firstResolvedAt().filter(resolved -> firstReply.get().isAfter(resolved)).isPresent();
    }

    /**
     * Whether the status history adds up: no move before creation or before the move it follows, each move starting
     * where the previous ended, and the last one ending in the current status.
     */
    static boolean historyConsistent(Case c) {
        StatusChange previous = null;
        for (StatusChange move : c.history()) {
            if (move.at().isBefore(c.createdAt())) {
                return false;
            }
            if (previous != null && (move.at().isBefore(previous.at()) || move.from() != previous.to())) {
                return false;
            }
            previous = move;
        }
        return previous == null || previous.to() == c.status();
    }

    /** The status the case was created in: the start of its first move, or its status if it never moved. */
    static CaseStatus initialStatus(Case c) {
        return c.history().isEmpty() ? c.status() : c.history().get(0).from();
    }

    /** The status at a moment: after every move dated before it. */
    static CaseStatus statusAt(Case c, Instant at) {
        CaseStatus status = initialStatus(c);
        for (StatusChange move : c.history()) {
            if (move.at().isBefore(at)) {
                status = move.to();
            }
        }
        return status;
    }

    /** Every instant the case was resolved: its moves to resolved, and its first and last resolution times. */
    static List<Instant> resolutionInstants(Case c) {
        TreeSet<Instant> instants = new TreeSet<>();
        c.history().stream().filter(m -> m.to() == CaseStatus.RESOLVED).forEach(m -> instants.add(m.at()));
        c.firstResolvedAt().ifPresent(instants::add);
        c.resolvedAt().ifPresent(instants::add);
        return new ArrayList<>(instants);
    }

    /** The time from creation to {@code end}, without the time spent in the paused states. */
    static Duration activeTime(Case c, Instant end, Set<CaseStatus> paused, ElapsedTime elapsed) {
        CaseStatus status = initialStatus(c);
        Instant from = c.createdAt();
        Duration total = Duration.ZERO;
        for (StatusChange move : c.history()) {
            if (!move.at().isBefore(end)) {
                break;
            }
            if (!paused.contains(status)) {
                total = total.plus(elapsed.between(from, move.at()));
            }
            status = move.to();
            from = move.at();
        }
        if (!paused.contains(status)) {
            total = total.plus(elapsed.between(from, end));
        }
        return total;
    }
}
