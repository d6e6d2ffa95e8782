package dev.rapport.spring;

import dev.rapport.Worker;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code rapport.*} properties of the Spring Boot starter. Each unset property keeps the engine's own default,
 * documented on {@code Rapport.Builder}, {@code JdbcStorage.Builder} and in docs/configuration.md.
 */
@ConfigurationProperties(prefix = "rapport")
public class RapportProperties {

    /** Whether Rapport is auto-configured at all. */
    private boolean enabled = true;

    /**
     * Whether events go through the storage's transactional outbox, written in the same transaction as the change
     * (and so rolled back with the host's transaction) and published by the outbox relay.
     */
    private boolean useOutbox = true;

    /** Whether the application context starts the background workers when it starts. */
    private boolean autoStartup = true;

    /**
     * How long closing waits for the workers' rounds in flight; the relay then gets as long again. Default: 10
     * seconds.
     */
    private Duration shutdownTimeout;

    /** A worker's wait after a first failed round, doubled per further failure. Default: 1 second. */
    private Duration restartBackoff;

    /** The longest wait of a worker after failed rounds. Default: 1 minute. */
    private Duration maxRestartBackoff;

    /** The JDBC storage over the application's data source. */
    private final Jdbc jdbc = new Jdbc();

    /** The background workers, each on or off and its interval. */
    private final Workers workers = new Workers();

    /** Routing cases to agents. */
    private final Routing routing = new Routing();

    /** The follow-up dispatcher. */
    private final FollowUpDispatcher followUpDispatcher = new FollowUpDispatcher();

    /** The Actuator health indicator. */
    private final Health health = new Health();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isUseOutbox() {
        return useOutbox;
    }

    public void setUseOutbox(boolean useOutbox) {
        this.useOutbox = useOutbox;
    }

    public boolean isAutoStartup() {
        return autoStartup;
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public Duration getRestartBackoff() {
        return restartBackoff;
    }

    public void setRestartBackoff(Duration restartBackoff) {
        this.restartBackoff = restartBackoff;
    }

    public Duration getMaxRestartBackoff() {
        return maxRestartBackoff;
    }

    public void setMaxRestartBackoff(Duration maxRestartBackoff) {
        this.maxRestartBackoff = maxRestartBackoff;
    }

    public Jdbc getJdbc() {
        return jdbc;
    }

    public Workers getWorkers() {
        return workers;
    }

    public Routing getRouting() {
        return routing;
    }

    public FollowUpDispatcher getFollowUpDispatcher() {
        return followUpDispatcher;
    }

    public Health getHealth() {
        return health;
    }

    /** {@code rapport.jdbc.*}: the JDBC storage. */
    public static class Jdbc {

        /** Prefix of every table, index and constraint. */
        private String tablePrefix = "rapport_";

        /** Schema of the tables, created when migrating. Default: the connection's. */
        private String schema;

        /**
         * Whether the built-in migrator creates and updates the tables at startup; off when Flyway or Liquibase
         * applies Rapport's scripts.
         */
        private boolean migrate = true;

        /** Rows per batch of bulk interaction ingest. */
        private int ingestBatchSize = 500;

        public String getTablePrefix() {
            return tablePrefix;
        }

        public void setTablePrefix(String tablePrefix) {
            this.tablePrefix = tablePrefix;
        }

        public String getSchema() {
            return schema;
        }

        public void setSchema(String schema) {
            this.schema = schema;
        }

        public boolean isMigrate() {
            return migrate;
        }

        public void setMigrate(boolean migrate) {
            this.migrate = migrate;
        }

        public int getIngestBatchSize() {
            return ingestBatchSize;
        }

        public void setIngestBatchSize(int ingestBatchSize) {
            this.ingestBatchSize = ingestBatchSize;
        }
    }

    /** {@code rapport.workers.*}: one entry per {@link Worker}. */
    public static class Workers {

        /** The outbox relay, publishing queued events. Default interval: 1 second (woken at once by commits). */
        private final WorkerSettings outboxRelay = new WorkerSettings();

        /** The follow-up dispatcher, sending due follow-ups. Default interval: 10 seconds. */
        private final WorkerSettings followUpDispatcher = new WorkerSettings();

        /** The date rules (birthdays, renewals), when a rule has a date trigger. Default interval: 1 hour. */
        private final WorkerSettings dateRules = new WorkerSettings();

        /** The SLA sweep, when the SLA policy has rules. Default interval: 1 minute. */
        private final WorkerSettings slaSweep = new WorkerSettings();

        /** The complaint deadline sweep. Default interval: 5 minutes. */
        private final WorkerSettings complaintSweep = new WorkerSettings();

        /** The routing worker, when routing is configured. Default interval: 500 milliseconds. */
        private final WorkerSettings routing = new WorkerSettings();

        /** The case automations worker, when automation rules are configured. Default interval: 1 minute. */
        private final WorkerSettings automations = new WorkerSettings();

        /** The customer health round, scoring every customer. Default interval: 1 day (first round at start). */
        private final WorkerSettings customerHealth = new WorkerSettings();

        /** The re-scoring of customers whose health an event moved. Default interval: 10 seconds. */
        private final WorkerSettings healthRescore = new WorkerSettings();

        /**
         * The customer health round's settings ({@code rapport.workers.customer-health.*}).
         *
         * @return the settings
         */
        public WorkerSettings getCustomerHealth() {
            return customerHealth;
        }

        /**
         * The settings of the re-scoring on events ({@code rapport.workers.health-rescore.*}).
         *
         * @return the settings
         */
        public WorkerSettings getHealthRescore() {
            return healthRescore;
        }

        /**
         * The case automations worker's settings.
         *
         * @return the settings
         */
        public WorkerSettings getAutomations() {
            return automations;
        }

        public WorkerSettings getOutboxRelay() {
            return outboxRelay;
        }

        public WorkerSettings getFollowUpDispatcher() {
            return followUpDispatcher;
        }

        public WorkerSettings getDateRules() {
            return dateRules;
        }

        public WorkerSettings getSlaSweep() {
            return slaSweep;
        }

        public WorkerSettings getComplaintSweep() {
            return complaintSweep;
        }

        public WorkerSettings getRouting() {
            return routing;
        }

        /** The settings of each worker. */
        public Map<Worker, WorkerSettings> byWorker() {
            Map<Worker, WorkerSettings> all = new EnumMap<>(Worker.class);
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

    /** One background worker's settings. */
    public static class WorkerSettings {

        /** Whether the worker runs; off, the host does that work itself, or not at all. */
        private boolean enabled = true;

        /** How long the worker waits between rounds. Default: the worker's own (see rapport.workers.*). */
        private Duration interval;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }

    /** {@code rapport.routing.*}: routing, configured when enabled or when the host declares a RoutingConfig bean. */
    public static class Routing {

        /**
         * Whether cases are routed to agents on their own (new cases routed, resolved ones freeing their agent, the
         * routing worker running). A RoutingConfig bean of the host's switches it on too.
         */
        private boolean enabled = false;

        /** Whether agents are offered work and accept or decline it, instead of being assigned directly. */
        private boolean requireAcceptance = false;

        /** How long an offer waits for the agent's answer. Default: 30 seconds. */
        private Duration offerTimeout;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isRequireAcceptance() {
            return requireAcceptance;
        }

        public void setRequireAcceptance(boolean requireAcceptance) {
            this.requireAcceptance = requireAcceptance;
        }

        public Duration getOfferTimeout() {
            return offerTimeout;
        }

        public void setOfferTimeout(Duration offerTimeout) {
            this.offerTimeout = offerTimeout;
        }
    }

    /** {@code rapport.follow-up-dispatcher.*}: the dispatcher's batches and threads. */
    public static class FollowUpDispatcher {

        /** Follow-ups claimed per round. Default: 100. */
        private Integer batchSize;

        /** Background dispatcher threads. Default: 1. */
        private Integer threads;

        public Integer getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(Integer batchSize) {
            this.batchSize = batchSize;
        }

        public Integer getThreads() {
            return threads;
        }

        public void setThreads(Integer threads) {
            this.threads = threads;
        }
    }

    /**
     * {@code rapport.health.*}: when the health indicator reports DOWN besides a storage that cannot be read. Each
     * threshold is unset by default: the figure is reported, not judged.
     */
    public static class Health {

        /** The outbox backlog (events waiting) above which health is DOWN. */
        private Long maxOutboxBacklog;

        /** The number of dead letters above which health is DOWN. */
        private Long maxDeadLetters;

        /** The dispatcher lag (how overdue the oldest due follow-up is) above which health is DOWN. */
        private Duration maxDispatcherLag;

        public Long getMaxOutboxBacklog() {
            return maxOutboxBacklog;
        }

        public void setMaxOutboxBacklog(Long maxOutboxBacklog) {
            this.maxOutboxBacklog = maxOutboxBacklog;
        }

        public Long getMaxDeadLetters() {
            return maxDeadLetters;
        }

        public void setMaxDeadLetters(Long maxDeadLetters) {
            this.maxDeadLetters = maxDeadLetters;
        }

        public Duration getMaxDispatcherLag() {
            return maxDispatcherLag;
        }

        public void setMaxDispatcherLag(Duration maxDispatcherLag) {
            this.maxDispatcherLag = maxDispatcherLag;
        }
    }
}
