package dev.rapport.spring;

import dev.rapport.Worker;
import java.time.Duration;
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

    /**
     * Whether Rapport is auto-configured at all: {@code rapport.enabled}, default {@code true}.
     *
     * @return {@code false} when nothing is to be configured
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Binds {@code rapport.enabled}; default {@code true}.
     *
     * @param enabled {@code false} to configure nothing
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Whether events go through the storage's transactional outbox: {@code rapport.use-outbox}, default {@code true}.
     *
     * @return {@code true} to append events in the change's transaction and publish them through the relay,
     *        {@code false} to publish directly after commit
     */
    public boolean isUseOutbox() {
        return useOutbox;
    }

    /**
     * Binds {@code rapport.use-outbox}; default {@code true}.
     *
     * @param useOutbox {@code true} for the transactional outbox, {@code false} to publish directly after commit
     */
    public void setUseOutbox(boolean useOutbox) {
        this.useOutbox = useOutbox;
    }

    /**
     * Whether the context starts the workers when it starts: {@code rapport.auto-startup}, default {@code true}.
     *
     * @return {@code false} when the host starts the Rapport itself
     */
    public boolean isAutoStartup() {
        return autoStartup;
    }

    /**
     * Binds {@code rapport.auto-startup}; default {@code true}.
     *
     * @param autoStartup {@code false} to leave starting the workers to the host
     */
    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    /**
     * How long closing waits for the workers' rounds in flight: {@code rapport.shutdown-timeout}, default unset (the
     * engine's 10 seconds).
     *
     * @return the timeout, or null for the engine's default
     */
    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    /**
     * Binds {@code rapport.shutdown-timeout}; default unset, the engine's 10 seconds.
     *
     * @param shutdownTimeout the timeout, positive; null for the engine's default
     */
    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    /**
     * A worker's wait after a first failed round: {@code rapport.restart-backoff}, default unset (the engine's 1
     * second).
     *
     * @return the backoff, or null for the engine's default
     */
    public Duration getRestartBackoff() {
        return restartBackoff;
    }

    /**
     * Binds {@code rapport.restart-backoff}; default unset, the engine's 1 second.
     *
     * @param restartBackoff the backoff, positive; null for the engine's default
     */
    public void setRestartBackoff(Duration restartBackoff) {
        this.restartBackoff = restartBackoff;
    }

    /**
     * The longest wait of a worker after failed rounds: {@code rapport.max-restart-backoff}, default unset (the
     * engine's 1 minute).
     *
     * @return the longest backoff, or null for the engine's default
     */
    public Duration getMaxRestartBackoff() {
        return maxRestartBackoff;
    }

    /**
     * Binds {@code rapport.max-restart-backoff}; default unset, the engine's 1 minute.
     *
     * @param maxRestartBackoff the longest backoff, not below the restart backoff; null for the engine's default
     */
    public void setMaxRestartBackoff(Duration maxRestartBackoff) {
        this.maxRestartBackoff = maxRestartBackoff;
    }

    /**
     * The {@code rapport.jdbc.*} properties of the JDBC storage.
     *
     * @return the JDBC storage settings, bound in place
     */
    public Jdbc getJdbc() {
        return jdbc;
    }

    /**
     * The {@code rapport.workers.*} properties, one entry per background worker.
     *
     * @return the worker settings, bound in place
     */
    public Workers getWorkers() {
        return workers;
    }

    /**
     * The {@code rapport.routing.*} properties.
     *
     * @return the routing settings, bound in place
     */
    public Routing getRouting() {
        return routing;
    }

    /**
     * The {@code rapport.follow-up-dispatcher.*} properties.
     *
     * @return the dispatcher settings, bound in place
     */
    public FollowUpDispatcher getFollowUpDispatcher() {
        return followUpDispatcher;
    }

    /**
     * The {@code rapport.health.*} properties of the Actuator health indicator.
     *
     * @return the health thresholds, bound in place
     */
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

        /**
         * The prefix of every table, index and constraint: {@code rapport.jdbc.table-prefix}, default {@code rapport_}.
         *
         * @return the table prefix
         */
        public String getTablePrefix() {
            return tablePrefix;
        }

        /**
         * Binds {@code rapport.jdbc.table-prefix}; default {@code rapport_}.
         *
         * @param tablePrefix lower-case letters, digits and underscores, starting with a letter, at most 30 characters
         */
        public void setTablePrefix(String tablePrefix) {
            this.tablePrefix = tablePrefix;
        }

        /**
         * The schema of the tables: {@code rapport.jdbc.schema}, default unset (the connection's).
         *
         * @return the schema's name, or null for the connection's default schema
         */
        public String getSchema() {
            return schema;
        }

        /**
         * Binds {@code rapport.jdbc.schema}; default unset, the connection's schema.
         *
         * @param schema lower-case letters, digits and underscores, starting with a letter; null for the connection's
         *        default schema
         */
        public void setSchema(String schema) {
            this.schema = schema;
        }

        /**
         * Whether the built-in migrator brings the tables up to date at startup: {@code rapport.jdbc.migrate}, default
         * {@code true}.
         *
         * @return {@code false} when Flyway or Liquibase applies Rapport's scripts
         */
        public boolean isMigrate() {
            return migrate;
        }

        /**
         * Binds {@code rapport.jdbc.migrate}; default {@code true}.
         *
         * @param migrate {@code false} to leave the scripts to Flyway or Liquibase
         */
        public void setMigrate(boolean migrate) {
            this.migrate = migrate;
        }

        /**
         * Rows per batch of bulk interaction ingest: {@code rapport.jdbc.ingest-batch-size}, default 500.
         *
         * @return the batch size, 1 to 1,000
         */
        public int getIngestBatchSize() {
            return ingestBatchSize;
        }

        /**
         * Binds {@code rapport.jdbc.ingest-batch-size}; default 500.
         *
         * @param ingestBatchSize the batch size, 1 to 1,000
         */
        public void setIngestBatchSize(int ingestBatchSize) {
            this.ingestBatchSize = ingestBatchSize;
        }
    }

    /**
     * {@code rapport.workers.*}: one entry per {@link Worker}; its properties are declared in
     * {@link WorkersProperties}, kept apart so this file stays readable.
     */
    public static class Workers extends WorkersProperties {

        /** Settings with every worker on and at its default interval. */
        public Workers() {
        }
    }

    /** One background worker's settings. */
    public static class WorkerSettings {

        /** Whether the worker runs; off, the host does that work itself, or not at all. */
        private boolean enabled = true;

        /** How long the worker waits between rounds. Default: the worker's own (see rapport.workers.*). */
        private Duration interval;

        /**
         * Whether the worker runs: {@code rapport.workers.<worker>.enabled}, default {@code true}.
         *
         * @return {@code false} when the worker is switched off
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Binds {@code rapport.workers.<worker>.enabled}; default {@code true}.
         *
         * @param enabled {@code false} to switch the worker off
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * How long the worker waits between rounds: {@code rapport.workers.<worker>.interval}, default unset (the
         * worker's own).
         *
         * @return the interval, or null for the worker's own default
         */
        public Duration getInterval() {
            return interval;
        }

        /**
         * Binds {@code rapport.workers.<worker>.interval}; default unset, the worker's own interval.
         *
         * @param interval the interval, positive; null for the worker's own default
         */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }

    /** {@code rapport.routing.*}: routing, configured when enabled or when the host declares a RoutingPolicy bean. */
    public static class Routing {

        /**
         * Whether cases are routed to agents on their own (new cases routed, resolved ones freeing their agent, the
         * routing worker running). A RoutingPolicy bean of the host's switches it on too.
         */
        private boolean enabled = false;

        /** Whether agents are offered work and accept or decline it, instead of being assigned directly. */
        private boolean requireAcceptance = false;

        /** How long an offer waits for the agent's answer. Default: 30 seconds. */
        private Duration offerTimeout;

        /**
         * Whether routing is configured: {@code rapport.routing.enabled}, default {@code false}.
         *
         * @return {@code true} when cases are routed to agents on their own
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Binds {@code rapport.routing.enabled}; default {@code false}.
         *
         * @param enabled {@code true} to configure routing
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Whether agents are offered work to accept or decline: {@code rapport.routing.require-acceptance}, default
         * {@code false}.
         *
         * @return {@code true} when work is offered, {@code false} when it is assigned directly
         */
        public boolean isRequireAcceptance() {
            return requireAcceptance;
        }

        /**
         * Binds {@code rapport.routing.require-acceptance}; default {@code false}.
         *
         * @param requireAcceptance {@code true} to offer work, {@code false} to assign it directly
         */
        public void setRequireAcceptance(boolean requireAcceptance) {
            this.requireAcceptance = requireAcceptance;
        }

        /**
         * How long an offer waits for the agent's answer: {@code rapport.routing.offer-timeout}, default unset (30
         * seconds).
         *
         * @return the timeout, or null for the routing default
         */
        public Duration getOfferTimeout() {
            return offerTimeout;
        }

        /**
         * Binds {@code rapport.routing.offer-timeout}; default unset, 30 seconds.
         *
         * @param offerTimeout the timeout, positive; null for the routing default
         */
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

        /**
         * Follow-ups claimed per round: {@code rapport.follow-up-dispatcher.batch-size}, default unset (100).
         *
         * @return the batch size, or null for the dispatcher's default
         */
        public Integer getBatchSize() {
            return batchSize;
        }

        /**
         * Binds {@code rapport.follow-up-dispatcher.batch-size}; default unset, 100.
         *
         * @param batchSize the batch size, positive; null for the dispatcher's default
         */
        public void setBatchSize(Integer batchSize) {
            this.batchSize = batchSize;
        }

        /**
         * Background dispatcher threads: {@code rapport.follow-up-dispatcher.threads}, default unset (1).
         *
         * @return the number of threads, or null for the dispatcher's default
         */
        public Integer getThreads() {
            return threads;
        }

        /**
         * Binds {@code rapport.follow-up-dispatcher.threads}; default unset, 1.
         *
         * @param threads the number of threads, positive; null for the dispatcher's default
         */
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

        /**
         * The outbox backlog above which health is DOWN: {@code rapport.health.max-outbox-backlog}, default unset.
         *
         * @return the most events waiting that still count as healthy, or null to report the backlog without judging it
         */
        public Long getMaxOutboxBacklog() {
            return maxOutboxBacklog;
        }

        /**
         * Binds {@code rapport.health.max-outbox-backlog}; default unset.
         *
         * @param maxOutboxBacklog the most events waiting that still count as healthy; null not to judge the backlog
         */
        public void setMaxOutboxBacklog(Long maxOutboxBacklog) {
            this.maxOutboxBacklog = maxOutboxBacklog;
        }

        /**
         * The number of dead letters above which health is DOWN: {@code rapport.health.max-dead-letters}, default
         * unset.
         *
         * @return the most dead letters that still count as healthy, or null to report them without judging
         */
        public Long getMaxDeadLetters() {
            return maxDeadLetters;
        }

        /**
         * Binds {@code rapport.health.max-dead-letters}; default unset.
         *
         * @param maxDeadLetters the most dead letters that still count as healthy; null not to judge them
         */
        public void setMaxDeadLetters(Long maxDeadLetters) {
            this.maxDeadLetters = maxDeadLetters;
        }

        /**
         * The dispatcher lag above which health is DOWN: {@code rapport.health.max-dispatcher-lag}, default unset.
         *
         * @return the longest overdue time of the oldest due follow-up that still counts as healthy, or null to report
         *        the lag without judging it
         */
        public Duration getMaxDispatcherLag() {
            return maxDispatcherLag;
        }

        /**
         * Binds {@code rapport.health.max-dispatcher-lag}; default unset.
         *
         * @param maxDispatcherLag the longest overdue time that still counts as healthy; null not to judge the lag
         */
        public void setMaxDispatcherLag(Duration maxDispatcherLag) {
            this.maxDispatcherLag = maxDispatcherLag;
        }
    }
}
