package dev.rapport.spring;

import dev.rapport.Rapport;
import dev.rapport.outbox.OutboxRelay;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Rapport's Actuator health ({@code /actuator/health/rapport}), read from storage at each check:
 * <ul>
 * <li>{@code outboxBacklog}: events waiting in the outbox for the relay (absent when no outbox is in use);</li>
 * <li>{@code deadLetters}: events parked after their last attempt, waiting to be re-driven;</li>
 * <li>{@code dispatcherLag}: how overdue the oldest due follow-up is (zero when none is due), so a dispatcher that
 * stopped or falls behind shows; follow-ups held back by quiet hours are not due;</li>
 * <li>{@code workers}: the background workers running on this node.</li>
 * </ul>
 * DOWN when the storage cannot be read, or when a figure exceeds its {@code rapport.health.*} threshold (none is set
 * by default: the figures are reported, not judged); UP otherwise.
 */
public class RapportHealthIndicator extends AbstractHealthIndicator {

    private final Rapport rapport;
    private final RapportProperties.Health thresholds;

    /**
     * A health indicator for the given Rapport.
     *
     * @param rapport the Rapport to check
     * @param thresholds when a figure makes the health DOWN
     */
    public RapportHealthIndicator(Rapport rapport, RapportProperties.Health thresholds) {
        super("Rapport health check failed");
        this.rapport = Objects.requireNonNull(rapport, "rapport");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<String> exceeded = new java.util.ArrayList<>();
        Optional<OutboxRelay> relay = rapport.outboxRelay();
        if (relay.isPresent()) {
            long backlog = relay.get().pendingCount();
            long dead = relay.get().deadLetterCount();
            builder.withDetail("outboxBacklog", backlog).withDetail("deadLetters", dead);
            if (thresholds.getMaxOutboxBacklog() != null && backlog > thresholds.getMaxOutboxBacklog()) {
                exceeded.add("outboxBacklog");
            }
            if (thresholds.getMaxDeadLetters() != null && dead > thresholds.getMaxDeadLetters()) {
                exceeded.add("deadLetters");
            }
        }
        Duration lag = dispatcherLag();
        builder.withDetail("dispatcherLag", lag.toString());
        if (thresholds.getMaxDispatcherLag() != null && lag.compareTo(thresholds.getMaxDispatcherLag()) > 0) {
            exceeded.add("dispatcherLag");
        }
        Set<String> workers = new TreeSet<>();
        rapport.runningWorkers().forEach(worker -> workers.add(worker.name()));
        builder.withDetail("workers", workers);
        if (exceeded.isEmpty()) {
            builder.up();
        } else {
            builder.down().withDetail("exceeded", exceeded);
        }
    }

    /** How overdue the oldest scheduled follow-up is; zero when none is due. */
    private Duration dispatcherLag() {
        List<FollowUp> oldest = rapport.storage().followUps()
                .findByStatus(Set.of(FollowUpStatus.SCHEDULED), PageRequest.first(1)).items();
        if (oldest.isEmpty()) {
            return Duration.ZERO;
        }
        Instant now = rapport.clock().instant();
        Duration overdue = Duration.between(oldest.get(0).dueAt(), now);
        return overdue.isNegative() ? Duration.ZERO : overdue;
    }
}
