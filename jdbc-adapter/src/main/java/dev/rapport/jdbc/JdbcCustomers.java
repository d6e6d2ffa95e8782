package dev.rapport.jdbc;

import dev.rapport.spi.validation.ValueDomain;
import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.ContactIdentityConflictException;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerNotFoundException;
import dev.rapport.spi.customer.CustomerRepository;
import dev.rapport.spi.field.TagsAndFields;
import dev.rapport.spi.customer.CustomerStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Customers over JDBC: one row per customer, identities in a child table. Thread-safe. */
final class JdbcCustomers implements CustomerRepository {

    private static final String COLUMNS = "id, name, preferred_channel, locale, time_zone, birthday, segment, consents,"
            + " status, acquisition_cost, acquisition_currency, attributes, created_at, updated_at, version, own_agent,"
            + " churn_reason";

    /**
     * The version of the identity normal form ({@link Customer#normalFormOf}) this code writes: 1 was lower case
     * only, 2 adds NFC, case folding and E.164. Rows of an older form are recomputed by {@link #renormalize()}.
     */
    static final int NORMAL_FORM = 2;

    private final Db db;
    private final String table;
    private final String identities;
    private final JdbcTagsAndFields children;
    /** Binds creation-time ranges, clamped to what the dialect's timestamps hold. */
    private final TimeBounds bounds;

    JdbcCustomers(Db db, Names names) {
        this.db = db;
        this.table = names.of("customer");
        this.identities = names.of("customer_identity");
        this.children = new JdbcTagsAndFields(names, "customer", "customer_id");
        this.bounds = new TimeBounds(db.dialect);
    }

    @Override
    public Customer insert(Customer customer) {
        ValueDomain.check(customer);
        Objects.requireNonNull(customer, "customer");
        TagsAndFields.check("Customer", customer.tags(), customer.fields());
        Customer stored = customer.withVersion(1);
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "INSERT INTO " + table + " (" + COLUMNS + ") VALUES ("
                    + Stmt.marks(17) + ")")) {
                bindRow(st, stored);
                st.update();
            }
            insertIdentities(c, stored);
            children.write(c, stored.id().value(), stored.tags(), stored.fields(), false);
            return stored;
        }, c -> explainClash(c, stored, true));
    }

    /** One batched statement for the customers and one for their identities, under one savepoint. */
    @Override
    public List<Customer> insertAll(List<Customer> customers) {
        Objects.requireNonNull(customers, "customers");
        List<Customer> stored = new ArrayList<>(customers.size());
        for (Customer customer : customers) {
            Objects.requireNonNull(customer, "customer");
            ValueDomain.check(customer);
            TagsAndFields.check("Customer", customer.tags(), customer.fields());
            stored.add(customer.withVersion(1));
        }
        if (stored.isEmpty()) {
            return List.of();
        }
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "INSERT INTO " + table + " (" + COLUMNS + ") VALUES ("
                    + Stmt.marks(17) + ")")) {
                for (Customer customer : stored) {
                    bindRow(st, customer);
                    st.addBatch();
                }
                st.statement().executeBatch();
            }
            try (Stmt st = new Stmt(c, "INSERT INTO " + identities
                    + " (customer_id, ordinal, channel, address, normalized, is_primary, verified, normal_form)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, " + NORMAL_FORM + ")")) {
                boolean any = false;
                for (Customer customer : stored) {
                    int ordinal = 0;
                    for (ContactIdentity identity : customer.identities()) {
                        st.uuid(customer.id().value()).integer(ordinal++).text(identity.channel().code())
                                .text(identity.value()).text(customer.normalFormOf(identity)).bool(identity.primary())
                                .bool(identity.verified());
                        st.addBatch();
                        any = true;
                    }
                }
                if (any) {
                    st.statement().executeBatch();
                }
            }
            for (Customer customer : stored) {
                children.write(c, customer.id().value(), customer.tags(), customer.fields(), false);
            }
            return List.copyOf(stored);
        }, c -> explainClashes(c, stored));
    }

    /** After a unique violation of a batch: the first clash with a stored customer or within the batch. */
    private RuntimeException explainClashes(Connection c, List<Customer> batch) throws SQLException {
        Map<CustomerId, Boolean> ids = new HashMap<>();
        Map<String, CustomerId> held = new HashMap<>();
        for (Customer customer : batch) {
            if (ids.put(customer.id(), Boolean.TRUE) != null) {
                return DuplicateEntityException.ofId("customer", customer.id());
            }
            RuntimeException stored = explainClash(c, customer, true);
            if (stored != null) {
                return stored;
            }
            for (ContactIdentity identity : customer.identities()) {
                CustomerId holder = held.putIfAbsent(identity.channel().code() + '\u0000'
                        + customer.normalFormOf(identity), customer.id());
                if (holder != null && !holder.equals(customer.id())) {
                    return new ContactIdentityConflictException(identity, holder);
                }
            }
        }
        return null;
    }

    @Override
    public Customer update(Customer customer) {
        ValueDomain.check(customer);
        Objects.requireNonNull(customer, "customer");
        TagsAndFields.check("Customer", customer.tags(), customer.fields());
        Customer stored = customer.withVersion(customer.version() + 1);
        return db.write(c -> {
            int n;
            try (Stmt st = new Stmt(c, "UPDATE " + table + " SET name = ?, preferred_channel = ?, locale = ?,"
                    + " time_zone = ?, birthday = ?, segment = ?, consents = ?, status = ?, acquisition_cost = ?,"
                    + " acquisition_currency = ?, attributes = ?, created_at = ?, updated_at = ?, version = ?, own_agent = ?"
                    + ", churn_reason = ? WHERE id = ? AND version = ?")) {
                bindValues(st, stored);
                st.bigint(stored.version()).uuid(stored.ownAgent().map(AgentId::value).orElse(null))
                        .text(stored.churnReason()).uuid(stored.id().value()).bigint(customer.version());
                n = st.update();
            }
            if (n == 0) {
                if (exists(c, customer.id())) {
                    throw new StaleVersionException("customer", customer.id(), customer.version());
                }
                throw new CustomerNotFoundException(customer.id());
            }
            try (Stmt st = new Stmt(c, "DELETE FROM " + identities + " WHERE customer_id = ?")) {
                st.uuid(customer.id().value()).update();
            }
            insertIdentities(c, stored);
            children.write(c, stored.id().value(), stored.tags(), stored.fields(), true);
            return stored;
        }, c -> explainClash(c, stored, false));
    }

    private void bindRow(Stmt st, Customer c) throws SQLException {
        st.uuid(c.id().value());
        bindValues(st, c);
        st.bigint(c.version()).uuid(c.ownAgent().map(AgentId::value).orElse(null)).text(c.churnReason());
    }

    private static void bindValues(Stmt st, Customer c) throws SQLException {
        st.text(c.name())
                .text(c.preferredChannel().map(Channel::code))
                .text(c.locale().toLanguageTag())
                .text(c.timeZone().getId())
                .date(c.birthday().orElse(null))
                .text(c.segment())
                .text(Encodings.consents(c.consents()))
                .text(c.status().name())
                .money(c.acquisitionCost())
                .text(Encodings.stringMap(c.attributes()))
                .instant(c.createdAt())
                .instant(c.updatedAt());
    }

    private void insertIdentities(Connection c, Customer customer) throws SQLException {
        if (customer.identities().isEmpty()) {
            return;
        }
        try (Stmt st = new Stmt(c, "INSERT INTO " + identities
                + " (customer_id, ordinal, channel, address, normalized, is_primary, verified, normal_form)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, " + NORMAL_FORM + ")")) {
            int ordinal = 0;
            for (ContactIdentity identity : customer.identities()) {
                st.uuid(customer.id().value()).integer(ordinal++).text(identity.channel().code())
                        .text(identity.value()).text(customer.normalFormOf(identity)).bool(identity.primary())
                        .bool(identity.verified());
                st.addBatch();
            }
            st.statement().executeBatch();
        }
    }

    /** After a unique violation: which key clashed. */
    private RuntimeException explainClash(Connection c, Customer customer, boolean insert) throws SQLException {
        if (insert && exists(c, customer.id())) {
            return DuplicateEntityException.ofId("customer", customer.id());
        }
        for (ContactIdentity identity : customer.identities()) {
            Optional<CustomerId> holder = holderOf(c, identity.channel(), customer.normalFormOf(identity));
            if (holder.isPresent() && !holder.get().equals(customer.id())) {
                return new ContactIdentityConflictException(identity, holder.get());
            }
        }
        return null;
    }

    private boolean exists(Connection c, CustomerId id) throws SQLException {
        try (Stmt st = new Stmt(c, "SELECT 1 FROM " + table + " WHERE id = ?")) {
            return st.uuid(id.value()).first(r -> Boolean.TRUE).isPresent();
        }
    }

    private Optional<CustomerId> holderOf(Connection c, Channel channel, String normalized) throws SQLException {
        try (Stmt st = new Stmt(c, "SELECT customer_id FROM " + identities + " WHERE channel = ? AND normalized = ?")) {
            return st.text(channel.code()).text(normalized).first(r -> new CustomerId(r.uuid("customer_id")));
        }
    }

    @Override
    public Optional<Customer> findById(CustomerId id) {
        Objects.requireNonNull(id, "id");
        return db.read(c -> {
            // on PostgreSQL the row and its children in one statement
            List<ContactIdentity> identitiesOf = new ArrayList<>();
            JdbcTagsAndFields.One<Customer.Builder> one = children.readOne(c, db.dialect instanceof PostgresDialect,
                    COLUMNS, table, id.value(), JdbcCustomers::row, identityBranch(), r -> identitiesOf.add(identity(r)));
            return one.owner().map(b -> b.identities(identitiesOf).tags(one.values().tags())
                    .fields(one.values().fields()).build());
        });
    }

    /** One query for the customers and one for their identities per 500 ids. */
    @Override
    public Map<CustomerId, Customer> findAllById(Collection<CustomerId> ids) {
        List<UUID> distinct = Db.distinctIds(ids, CustomerId::value);
        if (distinct.isEmpty()) {
            return Map.of();
        }
        return db.read(c -> {
            Map<CustomerId, Customer> found = new HashMap<>();
            for (List<UUID> part : Db.chunks(distinct)) {
                try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE id IN ("
                        + Stmt.marks(part.size()) + ")")) {
                    for (Customer customer : withIdentities(c, st.uuids(part).list(JdbcCustomers::row))) {
                        found.put(customer.id(), customer);
                    }
                }
            }
            return found;
        });
    }

    @Override
    public Optional<Customer> findByIdentity(Channel channel, String value) {
        if (channel == null || value == null) {
            return Optional.empty();
        }
        String normalized = ContactIdentity.normalize(channel, value);
        if (!Lookups.matchable(normalized)) {
            return Optional.empty();
        }
        return db.read(c -> {
            Optional<CustomerId> holder = holderOf(c, channel, normalized);
            if (holder.isEmpty()) {
                return Optional.empty();
            }
            try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?")) {
                return withIdentities(c, st.uuid(holder.get().value()).list(JdbcCustomers::row)).stream().findFirst();
            }
        });
    }

    /** One query for the holders, one for the customers and one for their identities per 500 values. */
    @Override
    public Map<String, Customer> findAllByIdentity(Channel channel, Collection<String> values) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(values, "values");
        Map<String, List<String>> byNormalized = new java.util.LinkedHashMap<>();
        for (String value : values) {
            String normalized = value == null ? null : ContactIdentity.normalize(channel, value);
            if (normalized != null && Lookups.matchable(normalized)) {
                byNormalized.computeIfAbsent(normalized, k -> new ArrayList<>()).add(value);
            }
        }
        if (byNormalized.isEmpty()) {
            return Map.of();
        }
        return db.read(c -> {
            Map<String, UUID> holders = new HashMap<>();
            for (List<String> part : Db.chunks(List.copyOf(byNormalized.keySet()))) {
                try (Stmt st = new Stmt(c, "SELECT normalized, customer_id FROM " + identities
                        + " WHERE channel = ? AND normalized IN (" + Stmt.marks(part.size()) + ")")) {
                    st.text(channel.code());
                    for (String normalized : part) {
                        st.text(normalized);
                    }
                    st.list(r -> holders.put(r.text("normalized"), r.uuid("customer_id")));
                }
            }
            Map<UUID, Customer> customers = new HashMap<>();
            for (List<UUID> part : Db.chunks(List.copyOf(new java.util.LinkedHashSet<>(holders.values())))) {
                try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE id IN ("
                        + Stmt.marks(part.size()) + ")")) {
                    for (Customer customer : withIdentities(c, st.uuids(part).list(JdbcCustomers::row))) {
                        customers.put(customer.id().value(), customer);
                    }
                }
            }
            Map<String, Customer> found = new java.util.LinkedHashMap<>();
            byNormalized.forEach((normalized, given) -> {
                UUID holder = holders.get(normalized);
                Customer customer = holder == null ? null : customers.get(holder);
                if (customer != null) {
                    given.forEach(value -> found.put(value, customer));
                }
            });
            return found;
        });
    }

    @Override
    public Page<Customer> list(PageRequest page) {
        Objects.requireNonNull(page, "page");
        return db.page("SELECT " + COLUMNS + " FROM " + table + " ORDER BY created_at, id", page,
                st -> { },
                (c, st) -> withIdentities(c, st.list(JdbcCustomers::row)));
    }

    /** Seeks through the index on (created_at, id) that V1 creates, so that a walk by key reads no earlier rows. */
    @Override
    public Page<Customer> findCreatedBetween(TimeRange created, PageRequest page) {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(page, "page");
        return db.page("SELECT " + COLUMNS + " FROM " + table
                    + " WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id", page,
                st -> bounds.bind(st, created),
                (c, st) -> withIdentities(c, st.list(JdbcCustomers::row)));
    }

    @Override
    public Page<Customer> findByTag(String tag, PageRequest page) {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(page, "page");
        if (!Lookups.matchable(tag)) {
            return Page.empty(page);
        }
        return db.page("SELECT " + COLUMNS + " FROM " + table + " WHERE id IN (SELECT customer_id FROM "
                    + children.tagTable() + " WHERE tag = ?) ORDER BY created_at, id", page,
                st -> st.text(tag),
                (c, st) -> withIdentities(c, st.list(JdbcCustomers::row)));
    }

    @Override
    public List<Customer> listAfter(Optional<CustomerId> after, int limit) {
        Objects.requireNonNull(after, "after");
        PageWalk.requireKeyLimit(limit);
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table
                    + (after.isPresent() ? " WHERE id > ?" : "") + " ORDER BY id LIMIT ?")) {
                if (after.isPresent()) {
                    st.uuid(after.get().value());
                }
                return withIdentities(c, st.integer(limit).list(JdbcCustomers::row));
            }
        });
    }

    @Override
    public long count() {
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT COUNT(*) AS n FROM " + table)) {
                return st.first(r -> r.bigint("n")).orElse(0L);
            }
        });
    }

    private static Customer.Builder row(Stmt.Row r) throws SQLException {
        return Customer.builder()
                .id(new CustomerId(r.uuid("id")))
                .name(r.text("name"))
                .preferredChannel(r.optText("preferred_channel").map(Channel::new).orElse(null))
                .locale(Locale.forLanguageTag(r.text("locale")))
                .timeZone(ZoneId.of(r.text("time_zone")))
                .birthday(r.optDate("birthday").orElse(null))
                .segment(r.optText("segment").orElse(null))
                .consents(Encodings.readConsents(r.text("consents")))
                .status(CustomerStatus.valueOf(r.text("status")))
                .acquisitionCost(r.money("acquisition_cost", "acquisition_currency").orElse(null))
                .attributes(Encodings.readStringMap(r.text("attributes")))
                .createdAt(r.instant("created_at"))
                .updatedAt(r.instant("updated_at"))
                .version(r.bigint("version"))
                .ownAgent(r.optUuid("own_agent").map(AgentId::new).orElse(null))
                .churnReason(r.optText("churn_reason").orElse(null));
    }

    /**
     * Loads the identities, tags and field values of the customers in one query per 500 customers and builds them,
     * in the given order.
     */
    private List<Customer> withIdentities(Connection c, List<Customer.Builder> builders) throws SQLException {
        if (builders.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = new ArrayList<>();
        for (Customer.Builder b : builders) {
            ids.add(b.build().id().value());
        }
        Map<UUID, List<ContactIdentity>> byCustomer = new HashMap<>();
        Map<UUID, JdbcTagsAndFields.Values> values = children.read(c, ids, identityBranch(),
                r -> byCustomer.computeIfAbsent(r.uuid("owner"), k -> new ArrayList<>()).add(identity(r)));
        List<Customer> out = new ArrayList<>();
        for (int i = 0; i < builders.size(); i++) {
            JdbcTagsAndFields.Values v = values.getOrDefault(ids.get(i), JdbcTagsAndFields.Values.NONE);
            out.add(builders.get(i).identities(byCustomer.getOrDefault(ids.get(i), List.of()))
                    .tags(v.tags()).fields(v.fields()).build());
        }
        return out;
    }

    /** The identities' branch of the children's query (see {@link JdbcTagsAndFields#read}). */
    private String identityBranch() {
        return "SELECT customer_id AS owner, 0 AS part, ordinal AS pos, channel AS a, address AS b,"
                + " CAST(NULL AS VARCHAR) AS c, is_primary AS p, verified AS v FROM " + identities
                + " WHERE customer_id IN (%s)";
    }

    private static ContactIdentity identity(Stmt.Row r) throws SQLException {
        return new ContactIdentity(new Channel(r.text("a")), r.text("b"), r.bool("p"), r.bool("v"));
    }

    /**
     * Recomputes the normal form of identities stored with an older one, in one transaction. An identity whose new
     * form another customer's identity already has (two customers who are now seen to share an address) keeps its
     * old form, is marked current, and is counted in the result so it can be reported; merge such customers.
     *
     * @return how many identities kept their old form because of such a clash
     */
    int renormalize() {
        return db.write(c -> {
            record Row(UUID customer, int ordinal, Channel channel, String address, String normalized, Locale locale) {
            }
            List<Row> rows;
            try (Stmt st = new Stmt(c, "SELECT i.customer_id, i.ordinal, i.channel, i.address, i.normalized, c.locale"
                    + " FROM " + identities + " i JOIN " + table + " c ON c.id = i.customer_id"
                    + " WHERE i.normal_form < " + NORMAL_FORM + " ORDER BY c.created_at, c.id, i.ordinal")) {
                rows = st.list(r -> new Row(r.uuid("customer_id"), r.integer("ordinal"), new Channel(r.text("channel")),
                        r.text("address"), r.text("normalized"), Locale.forLanguageTag(r.text("locale"))));
            }
            int kept = 0;
            for (Row row : rows) {
                String form = ContactIdentity.normalize(row.channel(), row.address(), row.locale());
                Optional<CustomerId> holder = form.equals(row.normalized()) ? Optional.empty()
                        : holderOf(c, row.channel(), form);
                boolean clash = holder.isPresent();
                kept += clash ? 1 : 0;
                try (Stmt st = new Stmt(c, "UPDATE " + identities + " SET normalized = ?, normal_form = "
                        + NORMAL_FORM + " WHERE customer_id = ? AND ordinal = ?")) {
                    st.text(clash ? row.normalized() : form).uuid(row.customer()).integer(row.ordinal()).update();
                }
            }
            return kept;
        }, c -> null);
    }
}
