package dev.rapport.followup;

import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import java.util.Objects;
import java.util.Optional;

/**
 * What came of one request to schedule a follow-up.
 *
 * @param result what happened
 * @param ruleId the rule that asked, or empty for a direct request
 * @param followUpId the follow-up scheduled now or earlier under the same idempotency key; empty when skipped
 * @param followUp the follow-up as stored, when scheduled now
 * @param reason why it was skipped, without personal data; empty otherwise
 */
public record ScheduleOutcome(Result result, Optional<String> ruleId, Optional<FollowUpId> followUpId,
        Optional<FollowUp> followUp, Optional<String> reason) {

    /** What happened to a request. */
    public enum Result {
        /** A new follow-up was stored. */
        SCHEDULED,
        /** A follow-up with the same idempotency key was already stored; not an error. */
        ALREADY_SCHEDULED,
        /** Nothing was stored, for the reason given. */
        SKIPPED
    }

    /**
     * Checks the parts are present.
     *
     * @param result what happened
     * @param ruleId the rule that asked, or empty for a direct request
     * @param followUpId the follow-up scheduled now or earlier under the same idempotency key; empty when skipped
     * @param followUp the follow-up as stored, when scheduled now
     * @param reason why it was skipped, without personal data; empty otherwise
     */
    public ScheduleOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(followUpId, "followUpId");
        Objects.requireNonNull(followUp, "followUp");
        Objects.requireNonNull(reason, "reason");
    }

    static ScheduleOutcome scheduled(Optional<String> ruleId, FollowUp followUp) {
        return new ScheduleOutcome(Result.SCHEDULED, ruleId, Optional.of(followUp.id()), Optional.of(followUp),
                Optional.empty());
    }

    static ScheduleOutcome alreadyScheduled(Optional<String> ruleId, FollowUpId existing) {
        return new ScheduleOutcome(Result.ALREADY_SCHEDULED, ruleId, Optional.of(existing), Optional.empty(),
                Optional.empty());
    }

    static ScheduleOutcome skipped(Optional<String> ruleId, String reason) {
        return new ScheduleOutcome(Result.SKIPPED, ruleId, Optional.empty(), Optional.empty(), Optional.of(reason));
    }
}
