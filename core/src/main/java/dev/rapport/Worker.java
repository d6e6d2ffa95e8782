package dev.rapport;

import java.time.Duration;

/**
 * The background workers {@link Rapport#start()} runs. Each is on by default and can be switched off with
 * {@link Rapport.Builder#disable(Worker...)}; each runs a round, then waits its interval (set with
 * {@link Rapport.Builder#interval(Worker, Duration)}), and goes on after a failure with a backoff. See
 * docs/configuration.md for what each does and docs/operations.md for how they stop.
 */
public enum Worker {

    /**
     * Publishes the events queued in the storage's transactional outbox, woken at once after each commit that
     * queued some; runs only when the storage has an outbox and {@link Rapport.Builder#useOutbox(boolean)} is on.
     * Default interval {@link Rapport#DEFAULT_OUTBOX_RELAY_INTERVAL}.
     */
    OUTBOX_RELAY,

    /**
     * Sends due follow-ups through the messenger ({@link dev.rapport.followup.FollowUpDispatcher}), on as many
     * threads as the dispatcher settings say. Default interval {@link Rapport#DEFAULT_FOLLOW_UP_DISPATCHER_INTERVAL}.
     */
    FOLLOW_UP_DISPATCHER,

    /**
     * Schedules the date-driven follow-ups (birthdays, renewals) of every customer that fall due within the
     * lookahead, once at start and then every interval; runs only when a follow-up rule has a date trigger. Default
     * interval {@link Rapport#DEFAULT_DATE_RULES_INTERVAL}.
     */
    DATE_RULES,

    /**
     * Raises SLA warnings and breaches ({@link dev.rapport.sla.SlaSweeper#sweep()}). Default interval
     * {@link Rapport#DEFAULT_SLA_SWEEP_INTERVAL}.
     */
    SLA_SWEEP,

    /**
     * Raises complaint deadline reminders and breaches and resends failed acknowledgements
     * ({@link dev.rapport.complaint.ComplaintService#sweep()}). Default interval
     * {@link Rapport#DEFAULT_COMPLAINT_SWEEP_INTERVAL}.
     */
    COMPLAINT_SWEEP,

    /**
     * Times out offers and dispatches waiting work ({@code routing().tick()}); runs only when the host configured
     * routing with {@link Rapport.Builder#routing(dev.rapport.routing.RoutingPolicy)}. Default interval
     * {@link Rapport#DEFAULT_ROUTING_INTERVAL}.
     */
    ROUTING,

    /**
     * Runs the case automation rules ({@link dev.rapport.automation.AutomationEngine#runRound()}); runs only when
     * the host configured rules with {@link Rapport.Builder#automations(dev.rapport.automation.AutomationRule...)}.
     * Default interval {@link Rapport#DEFAULT_AUTOMATIONS_INTERVAL}.
     */
    AUTOMATIONS,

    /**
     * Evaluates every customer's health and stores the band ({@link dev.rapport.health.HealthService#evaluateAll()}),
     * raising {@code CustomerAtRisk} once per move into {@code AT_RISK}; its first round runs at once. Default
     * interval {@link Rapport#DEFAULT_HEALTH_INTERVAL}, a day.
     */
    HEALTH,

    /**
     * Re-scores, soon after, the customers whose health an event moved (a rating, a complaint, a case opened, an
     * SLA breach, a contact or purchase: {@link dev.rapport.health.HealthOnEvents}), once per customer per round, so
     * a customer turns at risk within seconds rather than at the next daily {@link #HEALTH} round. It marks
     * customers only while it runs. Default interval {@link Rapport#DEFAULT_HEALTH_RESCORE_INTERVAL}.
     */
    HEALTH_RESCORE;

    /**
     * The interval this worker waits between rounds unless the builder says otherwise.
     *
     * @return how long this worker waits between rounds when {@code Rapport.Builder#interval(Worker, Duration)} does
     *        not set it; positive
     */
    public Duration defaultInterval() {
        return switch (this) {
            case OUTBOX_RELAY -> Rapport.DEFAULT_OUTBOX_RELAY_INTERVAL;
            case FOLLOW_UP_DISPATCHER -> Rapport.DEFAULT_FOLLOW_UP_DISPATCHER_INTERVAL;
            case DATE_RULES -> Rapport.DEFAULT_DATE_RULES_INTERVAL;
            case SLA_SWEEP -> Rapport.DEFAULT_SLA_SWEEP_INTERVAL;
            case COMPLAINT_SWEEP -> Rapport.DEFAULT_COMPLAINT_SWEEP_INTERVAL;
            case ROUTING -> Rapport.DEFAULT_ROUTING_INTERVAL;
            case AUTOMATIONS -> Rapport.DEFAULT_AUTOMATIONS_INTERVAL;
            case HEALTH -> Rapport.DEFAULT_HEALTH_INTERVAL;
            case HEALTH_RESCORE -> Rapport.DEFAULT_HEALTH_RESCORE_INTERVAL;
        };
    }
}
