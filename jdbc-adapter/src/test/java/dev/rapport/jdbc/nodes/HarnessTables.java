package dev.rapport.jdbc.nodes;

/**
 * The tables the nodes report into, beside Rapport's own under the same prefix. They are written outside Rapport's
 * transactions, so what they hold survives a {@code kill -9} of the node that wrote it:
 *
 * <ul>
 *   <li>{@code sent_log}: one row per message a node's {@link RecordingMessenger} delivered, written in autocommit
 *       before the send returns: a message is logged exactly when the customer would have it;</li>
 *   <li>{@code published_log}: one row per event a node's {@link RecordingPublisher} took, written the same way;</li>
 *   <li>{@code appended_log}: one row per event appended to Rapport's outbox, written by a trigger on the outbox
 *       table in the appending transaction, so it holds exactly the committed events, including those already
 *       delivered (which the outbox deletes).</li>
 * </ul>
 *
 * <p>New scenarios add their own tables with {@link Nodes#execute(String)}.
 */
final class HarnessTables {

    private HarnessTables() {
    }

    /** Creates the harness tables and the outbox trigger under the harness's prefix. */
    static void create(Nodes nodes) {
        nodes.execute("CREATE TABLE {p}sent_log (seq BIGSERIAL PRIMARY KEY, node TEXT NOT NULL,"
                + " message_key TEXT NOT NULL, ref TEXT, customer_id TEXT NOT NULL, thread TEXT NOT NULL,"
                + " logged_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp())");
        nodes.execute("CREATE TABLE {p}published_log (seq BIGSERIAL PRIMARY KEY, node TEXT NOT NULL,"
                + " event_id UUID NOT NULL, event_type TEXT NOT NULL, aggregate_id TEXT NOT NULL,"
                + " occurred_at TEXT NOT NULL, logged_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp())");
        nodes.execute("CREATE TABLE {p}appended_log (seq BIGSERIAL PRIMARY KEY, event_id UUID NOT NULL,"
                + " aggregate_id TEXT NOT NULL, aggregate_seq BIGINT NOT NULL, event_type TEXT NOT NULL)");
        nodes.execute("CREATE FUNCTION {p}log_append() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " INSERT INTO {p}appended_log (event_id, aggregate_id, aggregate_seq, event_type)"
                + " VALUES (NEW.event_id, NEW.aggregate_id, NEW.aggregate_seq, NEW.event_type); RETURN NEW; END $$");
        nodes.execute("CREATE TRIGGER {p}outbox_appended AFTER INSERT ON {p}outbox FOR EACH ROW"
                + " EXECUTE FUNCTION {p}log_append()");
    }
}
