package dev.rapport.jdbc.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.cases.StatusChange;
import dev.rapport.spi.customer.Customer;
import dev.rapport.tck.TestData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * Two node processes, each its own JVM, run the automations worker with the same two rules over the same cases in
 * one PostgreSQL; in the second scenario one of them is killed with {@code kill -9} in the middle of its work. Each
 * rule must fire on each case exactly once: one firing row, one committed {@code AutomationFired} event, one action.
 */
@DisplayName("Case automations across node processes")
class AutomationAcrossNodesTest {

    private static final int RESOLVED = 400;
    private static final int OPEN = 400;
    private static final int KILL_AFTER_FIRINGS = 60;

    private Nodes nodes;
    private final List<CaseId> resolved = new ArrayList<>();
    private final List<CaseId> open = new ArrayList<>();

    @BeforeEach
    void harness(TestInfo test) {
        nodes = Nodes.onEmbeddedPostgres("AutomationAcrossNodesTest/" + test.getTestMethod().orElseThrow().getName());
        // who committed each firing: a trigger in the firing's own transaction, so it logs exactly what committed
        nodes.execute("CREATE TABLE {p}firing_log (seq BIGSERIAL PRIMARY KEY, rule_name TEXT NOT NULL,"
                + " case_id UUID NOT NULL, node TEXT NOT NULL, at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp())");
        nodes.execute("CREATE FUNCTION {p}log_firing() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " INSERT INTO {p}firing_log (rule_name, case_id, node) VALUES (NEW.rule_name, NEW.case_id,"
                + " current_setting('application_name')); RETURN NEW; END $$");
        nodes.execute("CREATE TRIGGER {p}firing_logged AFTER INSERT ON {p}automation_firing"
                + " FOR EACH ROW EXECUTE FUNCTION {p}log_firing()");
        // ten cases per customer: the first RESOLVED resolved, the next OPEN open, none of them moved yet
        nodes.storage().transactions().runInTransaction(() -> {
            Customer owner = null;
            for (int i = 0; i < RESOLVED + OPEN; i++) {
                if (i % 10 == 0) {
                    owner = nodes.storage().customers().insert(TestData.customer().build());
                }
                Case supportCase = nodes.storage().cases().insert(TestData.supportCase(owner.id())
                        .status(i < RESOLVED ? CaseStatus.RESOLVED : CaseStatus.OPEN).build());
                (i < RESOLVED ? resolved : open).add(supportCase.id());
            }
        });
    }

    @AfterEach
    void killNodes() {
        nodes.close();
    }

    @Test
    @Timeout(180)
    @DisplayName("two nodes running the same rules on the same cases fire each rule on each case exactly once")
    void twoNodesFireOnce() {
        // given two automating nodes
        Map<String, String> settings = Map.of("intervalMillis", "50");
        Node a1 = nodes.start("a1", "automate", settings);
        Node a2 = nodes.start("a2", "automate", settings);
        nodes.awaitReady(a1, a2);

        // when both start at once and work until every case had its rule
        nodes.go(a1, a2);
        Nodes.await("every case's rule to fire", Duration.ofSeconds(120), () -> firings() >= RESOLVED + OPEN);
        pause(Duration.ofMillis(500)); // a few more rounds on both nodes, which must fire nothing more
        assertThat(a1.stop(Duration.ofSeconds(30))).as("exit code of a1").isZero();
        assertThat(a2.stop(Duration.ofSeconds(30))).as("exit code of a2").isZero();

        // then
        Map<String, Object> counts = outcome("two nodes");
        assertThat(counts.get("firings committed by a1")).as("a1 fired some; " + counts).isNotEqualTo(0L);
        assertThat(counts.get("firings committed by a2")).as("a2 fired some; " + counts).isNotEqualTo(0L);
        nodes.report("AutomationAcrossNodesTest-twoNodes", counts);
    }

    @Test
    @Timeout(180)
    @DisplayName("a node killed mid-run: the survivor finishes, and each rule still fires on each case exactly once")
    void killedMidRun() {
        // given two automating nodes
        Map<String, String> settings = Map.of("intervalMillis", "50");
        Node a1 = nodes.start("a1", "automate", settings);
        Node a2 = nodes.start("a2", "automate", settings);
        nodes.awaitReady(a1, a2);

        // when both start and a1 is killed with SIGKILL once it committed some firings
        nodes.go(a1, a2);
        Nodes.await("a1 to fire", Duration.ofSeconds(60), () -> nodes.count(
                "SELECT count(*) FROM {p}firing_log WHERE node = 'a1'") >= KILL_AFTER_FIRINGS);
        a1.kill();
        long killedFirings = firings();
        Nodes.await("every case's rule to fire", Duration.ofSeconds(120), () -> firings() >= RESOLVED + OPEN);
        pause(Duration.ofMillis(500));
        assertThat(a2.stop(Duration.ofSeconds(30))).as("exit code of the survivor").isZero();

        // then
        Map<String, Object> counts = outcome("a1 killed");
        counts.put("firings committed when a1 was killed", killedFirings);
        assertThat(killedFirings).as("a1 was killed mid-run; " + counts).isLessThan(RESOLVED + OPEN);
        nodes.report("AutomationAcrossNodesTest-killedMidRun", counts);
    }

    private long firings() {
        return nodes.count("SELECT count(*) FROM {p}automation_firing");
    }

    /** Checks that each rule acted on each case exactly once, and returns the counts. */
    private Map<String, Object> outcome(String scenario) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("scenario", scenario);
        counts.put("cases", RESOLVED + OPEN);
        counts.put("firings", firings());
        counts.put("firings committed by a1", nodes.count("SELECT count(*) FROM {p}firing_log WHERE node = 'a1'"));
        counts.put("firings committed by a2", nodes.count("SELECT count(*) FROM {p}firing_log WHERE node = 'a2'"));
        long fired = nodes.count("SELECT count(*) FROM {p}appended_log WHERE event_type = 'automation.fired'");
        long firedCases = nodes.count(
                "SELECT count(DISTINCT aggregate_id) FROM {p}appended_log WHERE event_type = 'automation.fired'");
        long moves = nodes.count("SELECT count(*) FROM {p}appended_log WHERE event_type = 'case.status_changed'");
        counts.put("AutomationFired events committed", fired);
        counts.put("cases with an AutomationFired event", firedCases);
        counts.put("status changes committed", moves);
        List<String> wrong = new ArrayList<>();
        for (CaseId id : resolved) {
            Case c = nodes.storage().cases().get(id);
            List<StatusChange> byRule = c.history().stream()
                    .filter(m -> m.actor().equals(Actor.rule("close resolved"))).toList();
            if (c.status() != CaseStatus.CLOSED || byRule.size() != 1 || c.version() != 2) {
                wrong.add(id + " " + c.status() + " moves by rule " + byRule.size() + " version " + c.version());
            }
        }
        for (CaseId id : open) {
            Case c = nodes.storage().cases().get(id);
            if (c.priority() != Priority.HIGH || c.version() != 2 || !c.history().isEmpty()) {
                wrong.add(id + " " + c.priority() + " version " + c.version());
            }
        }
        counts.put("cases acted on other than once", wrong.size());
        assertThat(firings()).as("firing rows; " + counts).isEqualTo(RESOLVED + OPEN);
        assertThat(fired).as("committed AutomationFired events; " + counts).isEqualTo(RESOLVED + OPEN);
        assertThat(firedCases).as("cases with an AutomationFired event; " + counts).isEqualTo(RESOLVED + OPEN);
        assertThat(moves).as("committed status changes; " + counts).isEqualTo(RESOLVED);
        assertThat(wrong).as("cases acted on other than exactly once").isEmpty();
        List<UUID> logged = nodes.query("SELECT case_id FROM {p}firing_log", rs -> rs.getObject(1, UUID.class));
        assertThat(logged).as("firings logged by the trigger").hasSize(RESOLVED + OPEN).doesNotHaveDuplicates();
        return counts;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
