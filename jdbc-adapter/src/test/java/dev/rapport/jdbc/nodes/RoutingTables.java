package dev.rapport.jdbc.nodes;

/**
 * The tables the routing scenarios report into, written by triggers on Rapport's own routing and agent tables in the
 * writing transaction, so they hold exactly what committed, whichever node wrote it and whatever happened to that
 * node next. Each row names the node that wrote it by the connection's {@code application_name} (a node's
 * connections carry its name, see {@link NodeContext}) and its time by the database's {@code clock_timestamp()}, one
 * clock for every node:
 *
 * <ul>
 *   <li>{@code route_log}: {@code QUEUED} and {@code DEQUEUED} for waiting work, {@code OFFER} and
 *       {@code OFFER_END} for offers opened and closed (accepted, declined, timed out or withdrawn), {@code ASSIGN}
 *       when a holding is inserted (an assignment by routing), {@code REASSIGN} when a holding is overwritten (a case
 *       given to an agent while another held it), {@code RELEASE} when a holding is removed;</li>
 *   <li>{@code agent_log}: every committed version of every agent, with its capacity and load as stored.</li>
 * </ul>
 */
final class RoutingTables {

    private RoutingTables() {
    }

    /** Creates the routing report tables and their triggers under the harness's prefix. */
    static void create(Nodes nodes) {
        nodes.execute("CREATE TABLE {p}route_log (seq BIGSERIAL PRIMARY KEY, kind TEXT NOT NULL, case_id UUID NOT NULL,"
                + " agent_id UUID, units INTEGER, offer_id UUID, node TEXT NOT NULL,"
                + " at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp())");
        nodes.execute("CREATE TABLE {p}agent_log (seq BIGSERIAL PRIMARY KEY, agent_id UUID NOT NULL,"
                + " version BIGINT NOT NULL, capacity TEXT NOT NULL, work_load TEXT NOT NULL, node TEXT NOT NULL,"
                + " at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp())");
        nodes.execute("CREATE FUNCTION {p}log_holding() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF TG_OP = 'DELETE' THEN"
                + "  INSERT INTO {p}route_log (kind, case_id, agent_id, units, node) VALUES ('RELEASE', OLD.case_id,"
                + "  OLD.agent_id, OLD.units, current_setting('application_name')); RETURN OLD;"
                + " ELSIF TG_OP = 'UPDATE' THEN"
                + "  INSERT INTO {p}route_log (kind, case_id, agent_id, units, node) VALUES ('REASSIGN', NEW.case_id,"
                + "  NEW.agent_id, NEW.units, current_setting('application_name')); RETURN NEW;"
                + " ELSE"
                + "  INSERT INTO {p}route_log (kind, case_id, agent_id, units, node) VALUES ('ASSIGN', NEW.case_id,"
                + "  NEW.agent_id, NEW.units, current_setting('application_name')); RETURN NEW;"
                + " END IF; END $$");
        nodes.execute("CREATE TRIGGER {p}holding_logged AFTER INSERT OR UPDATE OR DELETE ON {p}routing_holding"
                + " FOR EACH ROW EXECUTE FUNCTION {p}log_holding()");
        nodes.execute("CREATE FUNCTION {p}log_work() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF TG_OP = 'INSERT' THEN"
                + "  INSERT INTO {p}route_log (kind, case_id, node) VALUES ('QUEUED', NEW.case_id,"
                + "  current_setting('application_name'));"
                + "  IF NEW.offer_id IS NOT NULL THEN"
                + "   INSERT INTO {p}route_log (kind, case_id, agent_id, units, offer_id, node) VALUES ('OFFER',"
                + "   NEW.case_id, NEW.offer_agent_id, NEW.offer_units, NEW.offer_id,"
                + "   current_setting('application_name'));"
                + "  END IF; RETURN NEW;"
                + " ELSIF TG_OP = 'DELETE' THEN"
                + "  IF OLD.offer_id IS NOT NULL THEN"
                + "   INSERT INTO {p}route_log (kind, case_id, agent_id, units, offer_id, node) VALUES ('OFFER_END',"
                + "   OLD.case_id, OLD.offer_agent_id, OLD.offer_units, OLD.offer_id,"
                + "   current_setting('application_name'));"
                + "  END IF;"
                + "  INSERT INTO {p}route_log (kind, case_id, node) VALUES ('DEQUEUED', OLD.case_id,"
                + "  current_setting('application_name')); RETURN OLD;"
                + " ELSE"
                + "  IF OLD.offer_id IS NOT NULL AND OLD.offer_id IS DISTINCT FROM NEW.offer_id THEN"
                + "   INSERT INTO {p}route_log (kind, case_id, agent_id, units, offer_id, node) VALUES ('OFFER_END',"
                + "   OLD.case_id, OLD.offer_agent_id, OLD.offer_units, OLD.offer_id,"
                + "   current_setting('application_name'));"
                + "  END IF;"
                + "  IF NEW.offer_id IS NOT NULL AND OLD.offer_id IS DISTINCT FROM NEW.offer_id THEN"
                + "   INSERT INTO {p}route_log (kind, case_id, agent_id, units, offer_id, node) VALUES ('OFFER',"
                + "   NEW.case_id, NEW.offer_agent_id, NEW.offer_units, NEW.offer_id,"
                + "   current_setting('application_name'));"
                + "  END IF; RETURN NEW;"
                + " END IF; END $$");
        nodes.execute("CREATE TRIGGER {p}work_logged AFTER INSERT OR UPDATE OR DELETE ON {p}routing_work"
                + " FOR EACH ROW EXECUTE FUNCTION {p}log_work()");
        nodes.execute("CREATE FUNCTION {p}log_agent() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " INSERT INTO {p}agent_log (agent_id, version, capacity, work_load, node) VALUES (NEW.id,"
                + " NEW.version, NEW.capacity, NEW.work_load, current_setting('application_name')); RETURN NEW; END $$");
        nodes.execute("CREATE TRIGGER {p}agent_logged AFTER INSERT OR UPDATE ON {p}agent"
                + " FOR EACH ROW EXECUTE FUNCTION {p}log_agent()");
    }
}
