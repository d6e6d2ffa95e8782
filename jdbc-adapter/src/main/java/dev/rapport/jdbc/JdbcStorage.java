package dev.rapport.jdbc;

import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.Transactions;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.AgentRepository;
import dev.rapport.spi.cases.CaseRepository;
import dev.rapport.spi.complaint.ComplaintRepository;
import dev.rapport.spi.customer.CustomerMerges;
import dev.rapport.spi.automation.AutomationFirings;
import dev.rapport.spi.customer.CustomerRepository;
import dev.rapport.spi.event.EventOutbox;
import dev.rapport.spi.feedback.FeedbackRepository;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionRepository;
import dev.rapport.spi.kpi.KpiQueries;
import dev.rapport.spi.routing.RoutingRepository;
import dev.rapport.spi.template.TemplateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Rapport's storage over plain JDBC: PostgreSQL (14 or later) for production, H2 (2.x) as the embedded default.
 * Every repository port (complaints included), the transactions they share, and the transactional outbox, in tables
 * named with a prefix (and optionally in their own schema) so that several applications or tenants share one
 * database without seeing each other's rows.
 *
 * <pre>{@code
 * RapportStorage storage = JdbcStorage.builder()
 *         .dataSource(dataSource)          // or .connectionProvider(...) to join the host's transactions
 *         .tablePrefix("rapport_")         // the default
 *         .build();                        // detects the dialect and migrates the schema
 * }</pre>
 *
 * <p>On PostgreSQL, add {@code reWriteBatchedInserts=true} to the JDBC URL: the driver then sends batched inserts
 * (contact identities, outbox events) as multi-row statements, several times faster. Bulk ingest needs no
 * rewriting: on PostgreSQL it streams each batch with {@code COPY} through pgjdbc's copy API, or, where the
 * connection does not unwrap to pgjdbc's, writes its own multi-row statements.
 *
 * <p>Thread-safe: share one instance; each thread has its own transaction.
 */
public final class JdbcStorage implements RapportStorage {

    /** The default table prefix. */
    public static final String DEFAULT_TABLE_PREFIX = "rapport_";

    /** Whether the schema is migrated by {@link Builder#build()} unless told otherwise. */
    public static final boolean DEFAULT_MIGRATE = true;

    /** How many interactions one batch of a bulk ingest holds unless told otherwise. */
    public static final int DEFAULT_INGEST_BATCH_SIZE = 500;

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,29}");
    private static final Pattern SCHEMA = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStorage.class);

    private final Db db;
    private final Names names;
    private final int ingestBatchSize;
    private final SchemaMigrator migrator;
    private final JdbcCustomers customers;
    private final JdbcInteractions interactions;
    private final JdbcCases cases;
    private final JdbcFeedback feedback;
    private final JdbcFollowUps followUps;
    private final JdbcAgents agents;
    private final JdbcComplaints complaints;
    private final JdbcRouting routing;
    private final JdbcEventOutbox outbox;
    private final JdbcKpiQueries kpiQueries;
    private final JdbcCustomerMerges customerMerges;
    private final JdbcAutomationFirings automationFirings;
    private final JdbcHealthStandings healthStandings;
    private final JdbcAuditTrails auditTrails;
    private final JdbcTemplates templates;

    private JdbcStorage(Db db, Names names, int ingestBatchSize) {
        this.db = db;
        this.names = names;
        this.ingestBatchSize = ingestBatchSize;
        this.migrator = new SchemaMigrator(db.provider(), db.dialect, names.schema(), names.prefix());
        this.customers = new JdbcCustomers(db, names);
        this.interactions = new JdbcInteractions(db, names);
        this.cases = new JdbcCases(db, names);
        this.feedback = new JdbcFeedback(db, names);
        this.followUps = new JdbcFollowUps(db, names);
        this.agents = new JdbcAgents(db, names);
        this.complaints = new JdbcComplaints(db, names);
        this.routing = new JdbcRouting(db, names);
        this.outbox = new JdbcEventOutbox(db, names);
        this.kpiQueries = new JdbcKpiQueries(db, names);
        this.customerMerges = new JdbcCustomerMerges(db, names);
        this.automationFirings = new JdbcAutomationFirings(db, names);
        this.healthStandings = new JdbcHealthStandings(db, names);
        this.auditTrails = new JdbcAuditTrails(db, names);
        this.templates = new JdbcTemplates(db, names);
    }

    /**
     * A builder; see each option for its default.
     *
     * @return a new builder; give it a data source or a connection provider, then build
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CustomerRepository customers() {
        return customers;
    }

    @Override
    public InteractionRepository interactions() {
        return interactions;
    }

    @Override
    public CaseRepository cases() {
        return cases;
    }

    @Override
    public FeedbackRepository feedback() {
        return feedback;
    }

    @Override
    public FollowUpRepository followUps() {
        return followUps;
    }

    @Override
    public AgentRepository agents() {
        return agents;
    }

    @Override
    public ComplaintRepository complaints() {
        return complaints;
    }

    @Override
    public CustomerMerges customerMerges() {
        return customerMerges;
    }

    @Override
    public AutomationFirings automationFirings() {
        return automationFirings;
    }

    @Override
    public dev.rapport.spi.audit.AuditTrails auditTrails() {
        return auditTrails;
    }

    @Override
    public dev.rapport.spi.customer.HealthStandings healthStandings() {
        return healthStandings;
    }

    /**
     * Recomputes the normal form of contact identities stored by an older version of Rapport (see
     * {@code ContactIdentity}: NFC, case folding and E.164 came with schema version 5). {@link Builder#build()} runs
     * it after migrating; a host that migrates with Flyway or Liquibase calls it once after version 5 is applied.
     * Safe to run again and on several nodes: it only touches rows still in the old form. An identity whose new form
     * another customer already holds keeps its old form and is logged (count only, no address): those customers
     * are one person, merge them.
     *
     * @return how many identities kept their old form because another customer holds the new one
     * @throws StorageException if the database fails
     */
    public int renormalizeIdentities() {
        int kept = customers.renormalize();
        if (kept > 0) {
            LOG.warn("{} contact identities keep their old normal form because another customer holds the new one;"
                    + " merge those customers", kept);
        }
        return kept;
    }

    /**
     * The message templates kept in this database (table {@code <prefix>template}, migration 7), for
     * {@code Rapport.builder().templates(storage.templates())}; they take part in {@link #transactions()}. Not part of
     * {@link RapportStorage}: Rapport keeps templates in memory unless told to use these.
     *
     * @return the template store; the same instance every time
     */
    public TemplateStore templates() {
        return templates;
    }

    @Override
    public RoutingRepository routing() {
        return routing;
    }

    @Override
    public Transactions transactions() {
        return db;
    }

    /** The transactional outbox; always present. */
    @Override
    public Optional<EventOutbox> outbox() {
        return Optional.of(outbox);
    }

    /**
     * The KPI questions answered in SQL (grouping, counting, exclusion counting and percentiles in the database, the
     * parts that need a case's status history streamed by one query each); always present. See {@code docs/kpis.md}.
     */
    @Override
    public Optional<KpiQueries> kpiQueries() {
        return Optional.of(kpiQueries);
    }

    /** True: customers, cases, interactions and feedback are inserted in JDBC batches, identities found per 500. */
    @Override
    public boolean prefersBulkWrites() {
        return true;
    }

    /**
     * Stores many interactions at once, in batches of the configured size, each batch in one transaction (or in the
     * running transaction, if there is one). Idempotent: an interaction whose id or external id is already stored,
     * or repeats one given earlier in the same call, is skipped, so a feed can be ingested again after a failure.
     * Unlike {@link InteractionRepository#insert}, a duplicate is counted, not thrown. On PostgreSQL through pgjdbc
     * the call's stored ids and external ids are looked up first, and each batch then holds that many interactions
     * not already stored. The interactions are not validated here; validate them first.
     *
     * @param batch the interactions, in any order
     * @return how many were stored and how many skipped
     */
    public BulkIngestResult ingestInteractions(Collection<Interaction> batch) {
        return interactions.ingest(batch, ingestBatchSize);
    }

    /**
     * The migrator of this store's schema, for running or inspecting migrations by hand.
     *
     * @return the migrator over this store's connections, dialect, schema and table prefix
     */
    public SchemaMigrator migrator() {
        return migrator;
    }

    /**
     * The dialect in use, configured or detected.
     *
     * @return the dialect the store writes its SQL for
     */
    public Dialect dialect() {
        return db.dialect;
    }

    /**
     * The table prefix in use.
     *
     * @return the prefix every table name of this store starts with
     */
    public String tablePrefix() {
        return names.prefix();
    }

    /**
     * The schema in use, if not the connection's default.
     *
     * @return the schema the tables live in, or empty for the connection's default schema
     */
    public Optional<String> schema() {
        return names.schema();
    }

    /** Builds a {@link JdbcStorage}; not thread-safe. */
    public static final class Builder {
        private DataSource dataSource;
        private ConnectionProvider connectionProvider;
        private Dialect dialect;
        private String tablePrefix = DEFAULT_TABLE_PREFIX;
        private String schema;
        private boolean migrate = DEFAULT_MIGRATE;
        private int ingestBatchSize = DEFAULT_INGEST_BATCH_SIZE;

        private Builder() {
        }

        /**
         * Takes connections from a data source, with Rapport running its own transactions. No default: give this or
         * {@link #connectionProvider(ConnectionProvider)}, not both.
         *
         * @param value the data source connections are taken from
         * @return this builder
         */
        public Builder dataSource(DataSource value) {
            dataSource = value;
            return this;
        }

        /**
         * Takes connections from a provider, for example one that joins the host's transactions (see
         * {@link ConnectionProvider}). No default: give this or {@link #dataSource(DataSource)}, not both.
         *
         * @param value the provider connections are taken from and given back to
         * @return this builder
         */
        public Builder connectionProvider(ConnectionProvider value) {
            connectionProvider = value;
            return this;
        }

        /**
         * Sets the dialect; default: detected from the database's metadata.
         *
         * @param value the dialect to write SQL for, or null to detect it
         * @return this builder
         */
        public Builder dialect(Dialect value) {
            dialect = value;
            return this;
        }

        /**
         * Sets the prefix of every table name: lower-case letters, digits and underscores, starting with a letter,
         * at most 30 characters. Default {@value JdbcStorage#DEFAULT_TABLE_PREFIX}.
         *
         * @param value the table prefix
         * @return this builder
         */
        public Builder tablePrefix(String value) {
            tablePrefix = value;
            return this;
        }

        /**
         * Sets the schema the tables live in (created if missing when migrating): lower-case letters, digits and
         * underscores, starting with a letter. Default: none, the connection's default schema.
         *
         * @param value the schema name, or null for the connection's default schema
         * @return this builder
         */
        public Builder schema(String value) {
            schema = value;
            return this;
        }

        /**
         * Sets whether {@link #build()} brings the schema up to date with the built-in {@link SchemaMigrator}.
         * Switch it off when Flyway or Liquibase runs the scripts. Default {@value JdbcStorage#DEFAULT_MIGRATE}.
         *
         * @param value {@code true} to migrate the schema when building, {@code false} to leave it to another tool
         * @return this builder
         */
        public Builder migrate(boolean value) {
            migrate = value;
            return this;
        }

        /**
         * Sets how many interactions one batch of {@link JdbcStorage#ingestInteractions} holds: 1 to 1,000.
         * Default {@value JdbcStorage#DEFAULT_INGEST_BATCH_SIZE}.
         *
         * @param value how many interactions one batch holds, 1 to 1,000
         * @return this builder
         */
        public Builder ingestBatchSize(int value) {
            ingestBatchSize = value;
            return this;
        }

        /**
         * Checks the options, detects the dialect if none was set, and migrates the schema if asked.
         *
         * @return a store ready for use over the configured connections
         * @throws ValidationException naming the option at fault
         * @throws StorageException if the database cannot be reached or migrated
         */
        public JdbcStorage build() {
            if (dataSource == null && connectionProvider == null) {
                throw ValidationException.of("JdbcStorage", "dataSource", "NotNull",
                        "a dataSource or a connectionProvider is required");
            }
            if (dataSource != null && connectionProvider != null) {
                throw ValidationException.of("JdbcStorage", "connectionProvider", "Exclusive",
                        "give a dataSource or a connectionProvider, not both");
            }
            if (tablePrefix == null || !PREFIX.matcher(tablePrefix).matches()) {
                throw ValidationException.of("JdbcStorage", "tablePrefix", "Pattern",
                        "must be 1 to 30 lower-case letters, digits and underscores, starting with a letter");
            }
            if (schema != null && !SCHEMA.matcher(schema).matches()) {
                throw ValidationException.of("JdbcStorage", "schema", "Pattern",
                        "must be 1 to 63 lower-case letters, digits and underscores, starting with a letter");
            }
            if (ingestBatchSize < 1 || ingestBatchSize > 1_000) {
                throw ValidationException.of("JdbcStorage", "ingestBatchSize", "Range", "must be between 1 and 1000");
            }
            ConnectionProvider provider = connectionProvider != null ? connectionProvider
                    : ConnectionProvider.of(dataSource);
            Dialect chosen = dialect != null ? dialect : detect(provider);
            JdbcStorage storage = new JdbcStorage(new Db(provider, chosen), new Names(Optional.ofNullable(schema),
                    tablePrefix), ingestBatchSize);
            if (migrate) {
                storage.migrator.migrate();
                storage.renormalizeIdentities();
            }
            return storage;
        }

        private static Dialect detect(ConnectionProvider provider) {
            try {
                Connection connection = provider.getConnection();
                try {
                    DatabaseMetaData metaData = connection.getMetaData();
                    Dialect found = Dialect.detect(metaData).orElseThrow(() -> new ValidationException("JdbcStorage",
                            java.util.List.of(new ValidationException.Violation("dialect", "Detectable",
                                    "no known dialect for " + productName(metaData) + "; set one"))));
                    Optional<String> unsupported = found.unsupportedVersion(metaData);
                    if (unsupported.isPresent()) {
                        throw ValidationException.of("JdbcStorage", "dialect", "Version", unsupported.get());
                    }
                    return found;
                } finally {
                    provider.releaseConnection(connection);
                }
            } catch (SQLException e) {
                throw Db.storageFailure("the database could not be reached to detect its dialect", e);
            }
        }

        private static String productName(DatabaseMetaData metaData) {
            try {
                return metaData.getDatabaseProductName();
            } catch (SQLException e) {
                return "an unknown database";
            }
        }
    }
}
