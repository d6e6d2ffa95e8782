package dev.rapport.benchmarks;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A seeded, reproducible customer-care data set of any size, written straight into Rapport's PostgreSQL tables (after
 * {@code JdbcStorage} has migrated the schema) with {@code COPY ... FROM STDIN}, for the KPI report at scale. Agents in
 * teams, customers of four segments (some prospects, some churned, acquisition costs in euros and a few in dollars),
 * cases created from October 2023 to January 2025 with customer messages, bot and automatic replies, internal notes,
 * human replies and calls with handle times, follow-up waits, resolutions, reopens and closings and a matching status
 * history; caseless contacts (emails, chatbot, self-service and IVR messages, some followed by a human contact),
 * purchases in euros and dollars, compliments, outbound calls; CSAT, NPS and CES ratings on five scales. About 2% of
 * the cases, and a few of the other records, contradict themselves on purpose (resolved before created, resolutions
 * out of order, missing resolution times, reopened without resolution, a history that does not add up, a reply dated
 * before the case, scores off their scale, negative handle times, purchases without amount), so that every exclusion
 * the KPI definitions have is exercised. Nothing is stamped after {@link #AS_OF}.
 *
 * <p>Secondary indexes are dropped while loading and rebuilt afterwards from their own definitions, then the tables
 * are analysed. Not thread-safe: one load at a time.
 */
public final class KpiBenchData {

    private static final Logger LOG = LoggerFactory.getLogger(KpiBenchData.class);

    /** The moment the data set is taken at: nothing happens at or after it; the benchmark's clock. */
    public static final Instant AS_OF = Instant.parse("2025-01-15T00:00:00Z");
    /** The report period's start (inclusive): 2024 in UTC. */
    public static final Instant PERIOD_FROM = Instant.parse("2024-01-01T00:00:00Z");
    /** The report period's end (exclusive). */
    public static final Instant PERIOD_TO = Instant.parse("2025-01-01T00:00:00Z");

    private static final long AS_OF_MICROS = micros(AS_OF);
    private static final long CASES_FROM = micros(Instant.parse("2023-10-01T00:00:00Z"));
    private static final long CASES_TO = micros(Instant.parse("2025-01-10T00:00:00Z"));
    private static final long CUSTOMERS_FROM = micros(Instant.parse("2022-01-01T00:00:00Z"));
    private static final long CUSTOMERS_TO = micros(Instant.parse("2024-12-31T00:00:00Z"));
    private static final long CASELESS_FROM = micros(Instant.parse("2023-01-01T00:00:00Z"));
    private static final long MINUTE = 60_000_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long NANOS_PER_MICRO = 1_000L;

    private static final String[] CASE_CHANNELS = {"email", "email", "email", "email", "chat", "chat", "chat",
        "phone", "phone", "web_form"};
    private static final String[] CATEGORIES = {"billing", "delivery", "returns", "account", "technical", "orders",
        "refunds", "warranty", "shipping", "payments", "product_info", "cancellation"};
    private static final String[] SEGMENTS = {"consumer", "consumer", "consumer", "consumer", "consumer", "consumer",
        "business", "business", "business", "vip"};
    private static final String[] PRIORITIES = {"LOW", "NORMAL", "NORMAL", "NORMAL", "HIGH", "URGENT"};
    private static final String[] INBOUND_KINDS = {"MESSAGE", "MESSAGE", "QUESTION", "REQUEST", "COMPLAINT"};
    private static final String[] AUTOMATED = {"chatbot", "chatbot", "self_service", "ivr"};

    /** The size and seed of a data set. */
    public record Size(long seed, int customers, int agents, int teams, int cases, int interactions, int feedback) {

        /** The benchmark's data set: 1,000,000 cases, 5,000,000 interactions, 500,000 ratings. */
        public static final Size FULL = new Size(42, 200_000, 500, 25, 1_000_000, 5_000_000, 500_000);

        /**
         * A data set of the benchmark's shape with {@code cases} cases (seed 42, 500 agents in 25 teams): a customer
         * per five cases, five interactions and half a rating per case.
         */
        public static Size ofCases(int cases) {
            return new Size(42, Math.max(1, cases / 5), 500, 25, cases, cases * 5, cases / 2);
        }

        /** A data set a tenth of this one (the same seed), for measuring how memory grows with the data. */
        public Size tenth() {
            return new Size(seed, customers / 10, agents, teams, cases / 10, interactions / 10, feedback / 10);
        }

        /** A name for a directory holding this data set, unique per seed and size. */
        public String key() {
            return "seed" + seed + "-cu" + customers + "-ag" + agents + "-ca" + cases + "-in" + interactions + "-fb"
                    + feedback;
        }
    }

    private final Size size;
    private final SplittableRandom random;
    private final long[][] customerIds;
    private final String[] customerSegments;
    private final long[][] agentIds;
    // per case, kept for the ratings: id, customer, created, the instant a rating follows, assignee, channel
    private final long[][] caseIds;
    private final int[] caseCustomer;
    private final long[] caseCreated;
    private final long[] caseRatedAfter;
    private final int[] caseAssignee;
    private final byte[] caseChannel;
    private long interactionsWritten;

    private KpiBenchData(Size size) {
        this.size = size;
        this.random = new SplittableRandom(size.seed());
        this.customerIds = new long[size.customers()][];
        this.customerSegments = new String[size.customers()];
        this.agentIds = new long[size.agents()][];
        this.caseIds = new long[size.cases()][];
        this.caseCustomer = new int[size.cases()];
        this.caseCreated = new long[size.cases()];
        this.caseRatedAfter = new long[size.cases()];
        this.caseAssignee = new int[size.cases()];
        this.caseChannel = new byte[size.cases()];
    }

    /**
     * Generates the data set and writes it into Rapport's tables (prefix {@code prefix}), which must exist and be
     * empty.
     *
     * @throws IllegalStateException if the database refuses the rows
     */
    public static void load(DataSource dataSource, String prefix, Size size) {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            List<String> indexes = dropSecondaryIndexes(c, prefix);
            new KpiBenchData(size).write(new Sink(c.unwrap(PGConnection.class).getCopyAPI(), null), prefix);
            try (Statement st = c.createStatement()) {
                for (String index : indexes) {
                    st.execute(index);
                }
                st.execute("VACUUM ANALYZE");
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("loading the KPI data set failed", e);
        }
        LOG.info("KPI data set {} loaded in {} s", size.key(), (System.nanoTime() - started) / 1_000_000_000L);
    }

    /**
     * Generates the data set and writes it into Rapport's tables on H2 (prefix {@code prefix}), which must exist and
     * be empty, by batched {@code INSERT}s (the same rows as {@link #load} writes to PostgreSQL, from the same seed),
     * then analyses the tables.
     *
     * @throws IllegalStateException if the database refuses the rows
     */
    public static void loadH2(DataSource dataSource, String prefix, Size size) {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            new KpiBenchData(size).write(new Sink(null, c), prefix);
            c.commit();
            try (Statement st = c.createStatement()) {
                st.execute("ANALYZE");
            }
            c.commit();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("loading the KPI data set failed", e);
        }
        LOG.info("KPI data set {} loaded into H2 in {} s", size.key(), (System.nanoTime() - started) / 1_000_000_000L);
    }

    /** Where the rows go: PostgreSQL's COPY, or batched INSERTs on any other database. */
    record Sink(CopyManager copy, Connection connection) {
    }

    /** Drops the indexes that are not primary keys of the five KPI tables; returns their definitions. */
    private static List<String> dropSecondaryIndexes(Connection c, String prefix) throws SQLException {
        List<String> definitions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
                        + " AND tablename IN ('" + prefix + "customer', '" + prefix + "agent', '" + prefix
                        + "support_case', '" + prefix + "interaction', '" + prefix + "feedback')"
                        + " AND indexname NOT LIKE '%\\_pk'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
                definitions.add(rs.getString(2));
            }
        }
        try (Statement st = c.createStatement()) {
            for (String name : names) {
                st.execute("DROP INDEX " + name);
            }
        }
        return definitions;
    }

    // ----------------------------------------------------------------------------------------------- writing

    private void write(Sink copy, String prefix) throws SQLException, IOException {
        try (BenchRows agents = new BenchRows(copy, prefix + "agent", "id, name, skills, languages, capacity, presence,"
                + " work_load, last_assigned_at, team, created_at, updated_at, version")) {
            writeAgents(agents);
        }
        try (BenchRows customers = new BenchRows(copy, prefix + "customer", "id, name, preferred_channel, locale, time_zone,"
                + " birthday, segment, consents, status, acquisition_cost, acquisition_currency, attributes, created_at,"
                + " updated_at, version")) {
            writeCustomers(customers);
        }
        BenchRows interactions = new BenchRows(copy, prefix + "interaction", "id, customer_id, channel, direction,"
                + " occurred_at, agent_id, case_id, kind, handled_by, visibility, talk_nanos, hold_nanos,"
                + " after_contact_work_nanos, summary, external_id, order_ref, amount, currency, reason, recorded_at");
        try (BenchRows cases = new BenchRows(copy, prefix + "support_case", "id, customer_id, subject, category, case_type,"
                + " priority, origin_channel, language, required_skills, status, assignee, team, created_at,"
                + " first_reply_at, first_resolved_at, resolved_at, closed_at, reopen_count, history, updated_at,"
                + " version")) {
            for (int n = 0; n < size.cases(); n++) {
                writeCase(n, cases, interactions);
            }
        }
        writeCaseless(interactions);
        interactions.close();
        try (BenchRows feedback = new BenchRows(copy, prefix + "feedback", "id, customer_id, metric, scale_min, scale_max,"
                + " scale_direction, score, comment_text, received_at, case_id, interaction_id, order_ref, agent_id,"
                + " channel")) {
            writeFeedback(feedback);
        }
    }

    private void writeAgents(BenchRows t) throws SQLException {
        for (int n = 0; n < size.agents(); n++) {
            agentIds[n] = newId();
            t.uuid(agentIds[n]).text("Agent " + n).text("{}").text("[\"en\"]").text("{\"email\":10,\"chat\":3}")
                    .text("OFFLINE").text("{}").text("{}").text(team(n)).time(CUSTOMERS_FROM).time(CUSTOMERS_FROM)
                    .number(1).end();
        }
    }

    private String team(int agent) {
        return String.format("team-%02d", agent % size.teams() + 1);
    }

    private void writeCustomers(BenchRows t) throws SQLException {
        for (int n = 0; n < size.customers(); n++) {
            customerIds[n] = newId();
            long created = between(CUSTOMERS_FROM, CUSTOMERS_TO);
            int roll = random.nextInt(1000);
            String status = roll < 30 ? "PROSPECT" : roll < 70 ? "CHURNED" : "ACTIVE";
            long updated = status.equals("CHURNED") ? Math.min(AS_OF_MICROS - 1, created + between(30 * DAY, 500 * DAY))
                    : created;
            String segment = random.nextInt(20) == 0 ? null : SEGMENTS[random.nextInt(SEGMENTS.length)];
            customerSegments[n] = segment;
            int cost = random.nextInt(100);
            t.uuid(customerIds[n]).text("Customer " + n).text("email").text("en").text("UTC").nul().text(segment)
                    .text("{}").text(status);
            if (cost < 80) {
                t.text(random.nextInt(500, 20_000) / 100 + "." + String.format("%02d", random.nextInt(100)))
                        .text("EUR");
            } else if (cost < 83) {
                t.text(Integer.toString(random.nextInt(5, 200))).text("USD");
            } else {
                t.nul().nul();
            }
            t.text("{}").time(created).time(updated).number(1).end();
        }
    }

    private static final class Move {
        final String from;
        final String to;
        final long at;

        Move(String from, String to, long at) {
            this.from = from;
            this.to = to;
            this.at = at;
        }
    }

    /** One case with its interactions, walked forward in time; stops at the data set's moment. */
    private void writeCase(int n, BenchRows cases, BenchRows interactions) throws SQLException {
        long[] id = newId();
        int customer = random.nextInt(size.customers());
        int channelIndex = random.nextInt(CASE_CHANNELS.length);
        String channel = CASE_CHANNELS[channelIndex];
        long created = between(CASES_FROM, CASES_TO);
        int assignee = random.nextInt(10) == 0 ? -1 : random.nextInt(size.agents());
        String team = assignee >= 0 ? random.nextInt(10) < 6 ? team(assignee) : null
                : random.nextInt(10) < 3 ? team(random.nextInt(size.agents())) : null;
        String category = random.nextInt(100) < 3 ? null : CATEGORIES[random.nextInt(CATEGORIES.length)];
        int defect = random.nextInt(1000); // < 20: one deliberate inconsistency
        caseIds[n] = id;
        caseCustomer[n] = customer;
        caseCreated[n] = created;
        caseAssignee[n] = assignee;
        caseChannel[n] = (byte) channelIndex;

        List<Move> history = new ArrayList<>();
        String status = "NEW";
        long firstReply = -1;
        long firstResolved = -1;
        long resolved = -1;
        long closed = -1;
        int reopens = 0;
        long last = created;

        message(interactions, id, customer, channel, created, true);
        if (random.nextInt(10) < 3 && created + MINUTE < AS_OF_MICROS) {
            interaction(interactions, customer, channel, "OUTBOUND", created + MINUTE, -1, id, "MESSAGE",
                    random.nextInt(4) == 0 ? "AUTOMATIC" : "BOT", "PUBLIC", null, category);
        }
        if (created + 2 * MINUTE < AS_OF_MICROS) {
            history.add(new Move("NEW", "OPEN", defect < 3 ? created - HOUR : created + 2 * MINUTE));
            status = "OPEN";
        }
        if (random.nextInt(100) < 15 && created + 5 * MINUTE < AS_OF_MICROS) {
            interaction(interactions, customer, channel, "OUTBOUND", created + 5 * MINUTE, agentOr(assignee), id,
                    "NOTE", "HUMAN", "INTERNAL", null, null);
        }
        boolean replies = random.nextInt(100) < 88;
        if (replies) {
            long at = defect >= 3 && defect < 6 ? created - 10 * MINUTE : created + exponential(3 * HOUR);
            if (at < AS_OF_MICROS) {
                firstReply = at;
                reply(interactions, id, customer, channel, at, agentOr(assignee), category);
                last = Math.max(last, at);
                int rounds = random.nextInt(100) < 55 ? random.nextInt(100) < 20 ? 2 : 1 : 0;
                boolean pending = random.nextInt(10) == 0;
                for (int round = 0; round < rounds && last < AS_OF_MICROS; round++) {
                    long asked = last + exponential(2 * HOUR);
                    if (asked >= AS_OF_MICROS) {
                        break;
                    }
                    if (pending && round == 0 && status.equals("OPEN")) {
                        history.add(new Move("OPEN", "PENDING_CUSTOMER", last + 1));
                        history.add(new Move("PENDING_CUSTOMER", "OPEN", asked));
                    }
                    message(interactions, id, customer, channel, asked, false);
                    last = asked;
                    if (random.nextInt(100) < 35) {
                        long again = last + exponential(30 * MINUTE);
                        if (again < AS_OF_MICROS) {
                            message(interactions, id, customer, channel, again, false);
                            last = again;
                        }
                    }
                    if (random.nextInt(100) < 85) {
                        long answered = last + exponential(4 * HOUR);
                        if (answered < AS_OF_MICROS) {
                            reply(interactions, id, customer, channel, answered, agentOr(assignee), category);
                            last = answered;
                        }
                    }
                }
            }
        }
        boolean resolves = (firstReply >= 0 || random.nextInt(100) < 5) && random.nextInt(100) < 85
                && status.equals("OPEN");
        if (resolves) {
            long r1 = last + exponential(DAY);
            if (r1 < AS_OF_MICROS) {
                firstResolved = r1;
                resolved = r1;
                history.add(new Move("OPEN", "RESOLVED", r1));
                status = "RESOLVED";
                last = r1;
                if (random.nextInt(100) < 8) {
                    long reopened = r1 + exponential(2 * DAY);
                    if (reopened < AS_OF_MICROS) {
                        message(interactions, id, customer, channel, reopened, false);
                        history.add(new Move("RESOLVED", "OPEN", reopened));
                        status = "OPEN";
                        reopens = 1;
                        resolved = -1;
                        last = reopened;
                        if (random.nextInt(100) < 75) {
                            long answered = last + exponential(3 * HOUR);
                            if (answered < AS_OF_MICROS) {
                                reply(interactions, id, customer, channel, answered, agentOr(assignee), category);
                                last = answered;
                                long r2 = last + exponential(DAY);
                                if (r2 < AS_OF_MICROS) {
                                    history.add(new Move("OPEN", "RESOLVED", r2));
                                    status = "RESOLVED";
                                    resolved = r2;
                                    last = r2;
                                }
                            }
                        }
                    }
                }
                if (status.equals("RESOLVED") && random.nextInt(100) < 40 && last + 3 * DAY < AS_OF_MICROS) {
                    closed = last + 3 * DAY;
                    history.add(new Move("RESOLVED", "CLOSED", closed));
                    status = "CLOSED";
                }
            }
        }
        // deliberate inconsistencies, about 2% of the cases
        if (defect >= 6 && defect < 9 && firstResolved >= 0) {
            firstResolved = created - 2 * HOUR; // resolved before created
        } else if (defect >= 9 && defect < 12 && resolved >= 0 && firstResolved >= 0) {
            resolved = firstResolved - 1; // resolutions out of order
            if (resolved < created) {
                resolved = firstResolved;
            }
        } else if (defect >= 12 && defect < 15 && status.equals("RESOLVED")) {
            resolved = -1; // missing resolution time
        } else if (defect >= 15 && defect < 18 && firstResolved < 0 && status.equals("OPEN")) {
            reopens = 1; // reopened without resolution
        } else if (defect >= 18 && defect < 20 && !history.isEmpty()) {
            history.set(0, new Move("NEW", "PENDING_CUSTOMER", history.get(0).at)); // history does not chain
        }
        caseRatedAfter[n] = firstResolved >= 0 ? Math.max(firstResolved, created) : created;
        cases.uuid(id).uuid(customerIds[customer]).text("Case " + n).text(category).nul()
                .text(PRIORITIES[random.nextInt(PRIORITIES.length)]).text(channel).nul().text("[]").text(status)
                .uuid(assignee >= 0 ? agentIds[assignee] : null).text(team).time(created).time(firstReply)
                .time(firstResolved).time(resolved).time(closed).number(reopens).text(history(history))
                .time(Math.max(last, created)).number(1).end();
    }

    private int agentOr(int assignee) {
        return assignee >= 0 && random.nextInt(10) < 8 ? assignee : random.nextInt(size.agents());
    }

    private static String history(List<Move> moves) {
        StringBuilder json = new StringBuilder("[");
        for (Move m : moves) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"from\":\"").append(m.from).append("\",\"to\":\"").append(m.to).append("\",\"at\":\"")
                    .append(instant(m.at)).append("\"}");
        }
        return json.append(']').toString();
    }

    private void message(BenchRows t, long[] caseId, int customer, String channel, long at, boolean first)
            throws SQLException {
        interaction(t, customer, channel, "INBOUND", at, -1, caseId,
                first ? INBOUND_KINDS[random.nextInt(INBOUND_KINDS.length)] : "MESSAGE", "HUMAN", "PUBLIC", null, null);
    }

    private void reply(BenchRows t, long[] caseId, int customer, String channel, long at, int agent, String category)
            throws SQLException {
        long[] handle = channel.equals("phone") ? handleTime(false) : null;
        interaction(t, customer, channel, "OUTBOUND", at, agent, caseId, handle != null ? "CALL" : "MESSAGE", "HUMAN",
                "PUBLIC", handle, null);
    }

    /** Talk, hold and after-contact work in nanoseconds; now and then one part negative. */
    private long[] handleTime(boolean allowNegative) {
        long talk = random.nextLong(60, 1_500) * 1_000_000_000L + random.nextInt(1_000_000) * NANOS_PER_MICRO;
        long hold = random.nextInt(4) == 0 ? random.nextLong(0, 300) * 1_000_000_000L : 0;
        long work = random.nextLong(0, 400) * 1_000_000_000L + random.nextInt(1_000) * NANOS_PER_MICRO;
        if (allowNegative && random.nextInt(300) == 0) {
            hold = -5_000_000_000L;
        }
        return new long[] {talk, hold, work};
    }

    private void interaction(BenchRows t, int customer, String channel, String direction, long at, int agent,
            long[] caseId, String kind, String handledBy, String visibility, long[] handle, String reason)
            throws SQLException {
        interactionsWritten++;
        t.uuid(newId()).uuid(customerIds[customer]).text(channel).text(direction).time(at)
                .uuid(agent >= 0 ? agentIds[agent] : null).uuid(caseId).text(kind).text(handledBy).text(visibility);
        if (handle == null) {
            t.nul().nul().nul();
        } else {
            t.number(handle[0]).number(handle[1]).number(handle[2]);
        }
        t.nul().nul().nul().nul().nul().text(caseId == null ? reason : null).time(at).end();
    }

    /** Contacts outside cases, purchases, compliments and outbound calls, up to the interaction count. */
    private void writeCaseless(BenchRows t) throws SQLException {
        while (interactionsWritten < size.interactions()) {
            int customer = random.nextInt(size.customers());
            long at = between(CASELESS_FROM, AS_OF_MICROS - HOUR);
            int roll = random.nextInt(100);
            String reason = random.nextInt(100) < 8 ? null : CATEGORIES[random.nextInt(CATEGORIES.length)];
            if (roll < 36) {
                purchase(t, customer, at);
            } else if (roll < 39) {
                interaction(t, customer, "email", "INBOUND", at, random.nextInt(2) == 0 ? random.nextInt(size.agents())
                        : -1, null, "COMPLIMENT", "HUMAN", "PUBLIC", null, null);
            } else if (roll < 67) {
                String channel = AUTOMATED[random.nextInt(AUTOMATED.length)];
                interaction(t, customer, channel, "INBOUND", at, -1, null, "QUESTION", "BOT", "PUBLIC", null, reason);
                if (random.nextInt(100) < 30 && interactionsWritten < size.interactions()) {
                    long human = at + exponential(6 * HOUR);
                    if (human < AS_OF_MICROS) {
                        interaction(t, customer, random.nextInt(2) == 0 ? "email" : "chat", "INBOUND", human, -1, null,
                                "QUESTION", "HUMAN", "PUBLIC", null, reason);
                    }
                }
            } else if (roll < 86) {
                interaction(t, customer, random.nextInt(3) == 0 ? "chat" : "email", "INBOUND", at, -1, null,
                        "QUESTION", "HUMAN", "PUBLIC", null, reason);
            } else {
                boolean bot = random.nextInt(100) < 3;
                interaction(t, customer, "phone", "OUTBOUND", at, bot ? -1 : random.nextInt(size.agents()), null,
                        "CALL", bot ? "BOT" : "HUMAN", "PUBLIC", handleTime(true), null);
            }
        }
    }

    private void purchase(BenchRows t, int customer, long at) throws SQLException {
        interactionsWritten++;
        int roll = random.nextInt(1000);
        t.uuid(newId()).uuid(customerIds[customer]).text(random.nextInt(5) == 0 ? "in_person" : "web_form")
                .text("INBOUND").time(at).nul().nul().text("PURCHASE").text("HUMAN").text("PUBLIC").nul().nul().nul()
                .nul().nul().text("order-" + interactionsWritten);
        if (roll < 5) {
            t.nul().nul();
        } else {
            t.text(random.nextInt(500, 50_000) / 100 + "." + String.format("%02d", random.nextInt(100)))
                    .text(roll < 55 ? "USD" : "EUR");
        }
        t.nul().time(at).end();
    }

    private void writeFeedback(BenchRows t) throws SQLException {
        for (int n = 0; n < size.feedback(); n++) {
            boolean onCase = random.nextInt(100) < 85;
            int c = random.nextInt(size.cases());
            int customer = onCase ? caseCustomer[c] : random.nextInt(size.customers());
            long received = onCase ? caseRatedAfter[c] + exponential(DAY)
                    : between(CASELESS_FROM, AS_OF_MICROS - HOUR);
            if (received >= AS_OF_MICROS) {
                received = onCase ? caseCreated[c] + random.nextLong(Math.max(1, AS_OF_MICROS - caseCreated[c]))
                        : AS_OF_MICROS - HOUR;
            }
            int roll = random.nextInt(100);
            String metric;
            int min;
            int max;
            String direction = "HIGHER_IS_BETTER";
            if (roll < 60) {
                metric = "CSAT";
                boolean ten = random.nextInt(100) < 15;
                min = 1;
                max = ten ? 10 : 5;
            } else if (roll < 85) {
                metric = "NPS";
                boolean wrong = random.nextInt(100) == 0;
                min = wrong ? 1 : 0;
                max = 10;
            } else {
                metric = "CES";
                boolean lower = random.nextInt(2) == 0;
                min = 1;
                max = lower ? 5 : 7;
                direction = lower ? "LOWER_IS_BETTER" : "HIGHER_IS_BETTER";
            }
            int score = random.nextInt(1000) < 3 ? max + 1 : skewed(min, max);
            String channel = random.nextInt(2) == 0 ? null : onCase ? CASE_CHANNELS[caseChannel[c]] : "email";
            int agent = onCase && caseAssignee[c] >= 0 && random.nextInt(10) < 6 ? caseAssignee[c] : -1;
            t.uuid(newId()).uuid(customerIds[customer]).text(metric).number(min).number(max).text(direction)
                    .number(score).nul().time(received).uuid(onCase ? caseIds[c] : null).nul().nul()
                    .uuid(agent >= 0 ? agentIds[agent] : null).text(channel).end();
        }
    }

    /** A score leaning towards the good end, as real ratings do. */
    private int skewed(int min, int max) {
        int a = random.nextInt(min, max + 1);
        int b = random.nextInt(min, max + 1);
        return random.nextInt(3) == 0 ? Math.min(a, b) : Math.max(a, b);
    }

    // ----------------------------------------------------------------------------------------------- values

    private long[] newId() {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new long[] {msb, lsb};
    }

    private long between(long from, long to) {
        return random.nextLong(from, to);
    }

    private long exponential(long mean) {
        return Math.max(1_000_000L, (long) (-Math.log(1 - random.nextDouble()) * mean));
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    static String instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L)
                .toString();
    }
}
