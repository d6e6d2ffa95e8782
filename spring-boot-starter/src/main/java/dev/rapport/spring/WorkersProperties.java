package dev.rapport.spring;

import dev.rapport.Worker;
import java.util.EnumMap;
import java.util.Map;

/**
 * The properties of {@link RapportProperties.Workers}, {@code rapport.workers.*}: one entry per {@link Worker}, each on
 * or off and its interval. Not thread-safe: bound once at startup.
 */
abstract class WorkersProperties {

    /** The outbox relay, publishing queued events. Default interval: 1 second (woken at once by commits). */
    private final RapportProperties.WorkerSettings outboxRelay = new RapportProperties.WorkerSettings();

    /** The follow-up dispatcher, sending due follow-ups. Default interval: 10 seconds. */
    private final RapportProperties.WorkerSettings followUpDispatcher = new RapportProperties.WorkerSettings();

    /** The date rules (birthdays, renewals), when a rule has a date trigger. Default interval: 1 hour. */
    private final RapportProperties.WorkerSettings dateRules = new RapportProperties.WorkerSettings();

    /** The SLA sweep, when the SLA policy has rules. Default interval: 1 minute. */
    private final RapportProperties.WorkerSettings slaSweep = new RapportProperties.WorkerSettings();

    /** The complaint deadline sweep. Default interval: 5 minutes. */
    private final RapportProperties.WorkerSettings complaintSweep = new RapportProperties.WorkerSettings();

    /** The routing worker, when routing is configured. Default interval: 500 milliseconds. */
    private final RapportProperties.WorkerSettings routing = new RapportProperties.WorkerSettings();

    /** The case automations worker, when automation rules are configured. Default interval: 1 minute. */
    private final RapportProperties.WorkerSettings automations = new RapportProperties.WorkerSettings();

    /** The customer health round, scoring every customer. Default interval: 1 day (first round at start). */
    private final RapportProperties.WorkerSettings customerHealth = new RapportProperties.WorkerSettings();

    /** The re-scoring of customers whose health an event moved. Default interval: 10 seconds. */
    private final RapportProperties.WorkerSettings healthRescore = new RapportProperties.WorkerSettings();

    /**
     * The customer health round's settings ({@code rapport.workers.customer-health.*}).
     *
     * @return the settings
     */
    public RapportProperties.WorkerSettings getCustomerHealth() {
        return customerHealth;
    }

    /**
     * The settings of the re-scoring on events ({@code rapport.workers.health-rescore.*}).
     *
     * @return the settings
     */
    public RapportProperties.WorkerSettings getHealthRescore() {
        return healthRescore;
    }

    /**
     * The case automations worker's settings.
     *
     * @return the settings
     */
    public RapportProperties.WorkerSettings getAutomations() {
        return automations;
    }

    /**
     * The outbox relay's settings: {@code rapport.workers.outbox-relay.*}.
     *
     * @return the settings, bound in place
     */
    public RapportProperties.WorkerSettings getOutboxRelay() {
        return outboxRelay;
    }

    /**
     * The follow-up dispatcher's settings: {@code rapport.workers.follow-up-dispatcher.*}.
     *
     * @return the settings, bound in place
     */
    public RapportProperties.WorkerSettings getFollowUpDispatcher() {
        return followUpDispatcher;
    }

    /**
     * The date rules worker's settings: {@code rapport.workers.date-rules.*}.
     *
     * @return the settings, bound in place
     */
    public RapportProperties.WorkerSettings getDateRules() {
        return dateRules;
    }

    /**
     * The SLA sweep's settings: {@code rapport.workers.sla-sweep.*}.
     *
     * @return the settings, bound in place
     */
    public RapportProperties.WorkerSettings getSlaSweep() {
        return slaSweep;
    }

    /**
     * The complaint sweep's settings: {@code rapport.workers.complaint-sweep.*}.
     *
     * @return the settings, bound in place
     */
    public RapportProperties.WorkerSettings getComplaintSweep() {
        return complaintSweep;
    }

    /**
     * The routing worker's settings: {@code rapport.workers.routing.*}.
     *
     * @return the settings, bound in place
     */
    public RapportProperties.WorkerSettings getRouting() {
        return routing;
    }

    /**
     * The settings of each worker.
     *
     * @return the settings by worker, one entry for each worker the properties name
     */
    public Map<Worker, RapportProperties.WorkerSettings> byWorker() {
        Map<Worker, RapportProperties.WorkerSettings> all = new EnumMap<>(Worker.class);
        all.put(Worker.OUTBOX_RELAY, outboxRelay);
        all.put(Worker.FOLLOW_UP_DISPATCHER, followUpDispatcher);
        all.put(Worker.DATE_RULES, dateRules);
        all.put(Worker.SLA_SWEEP, slaSweep);
        all.put(Worker.COMPLAINT_SWEEP, complaintSweep);
        all.put(Worker.ROUTING, routing);
        all.put(Worker.AUTOMATIONS, automations);
        all.put(Worker.HEALTH, customerHealth);
        all.put(Worker.HEALTH_RESCORE, healthRescore);
        return all;
    }
}
