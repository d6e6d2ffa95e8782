package dev.rapport.jdbc.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.followup.FollowUpDispatcher;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * Two application nodes, each its own JVM, dispatch due follow-ups from one PostgreSQL, and one is killed with
 * {@code kill -9} in the middle of a round. What it had claimed comes back when its lease ends and the survivor
 * sends it; the messages it sent but had not yet stored as sent are sent again, under the same idempotency key.
 * For comparison, one node is also stopped gracefully in the middle of a round: it hands back what it has not sent.
 */
@DisplayName("Follow-up dispatch across node processes, one killed mid-round")
class FollowUpDispatchCrashTest {

    private static final int CUSTOMERS = 200;
    private static final int PER_CUSTOMER = 10;
    private static final int BATCH_SIZE = 50;

    private Nodes nodes;

    @BeforeEach
    void harness(TestInfo test) {
        nodes = Nodes.onEmbeddedPostgres("FollowUpDispatchCrashTest/" + test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void killNodes() {
        nodes.close();
    }

    @Test
    @Timeout(180)
    @DisplayName("a dispatching node killed mid-round: the survivor sends every follow-up, none is lost or stuck, and"
            + " repeats carry the same key and stay within a batch per dispatcher thread of the killed node")
    void killedMidRound() throws Exception {
        // given 2,000 follow-ups due now, ten on each of 200 customers' cases, and two dispatching nodes with a
        // short lease: "a" with two dispatcher threads, "b" with one
        // when both dispatch and "a" is killed with SIGKILL after it logged 275 sends (not a round's end)
        // then nothing is lost, nothing stuck, every repeat is the killed node's, under the same key, within bound
        dispatchAndEnd("FollowUpDispatchCrashTest", 2, 275, End.KILL);
    }

    @Test
    @Timeout(180)
    @DisplayName("a dispatching node killed just after it began a round: what it sent but had not stored is at most"
            + " one batch, so the round before was stored before the next one was sent")
    void killedAfterRoundBoundary() throws Exception {
        // given 2,000 due follow-ups and two dispatching nodes with one dispatcher thread each
        // when "a" is killed with SIGKILL after its 152nd send: two sends into its fourth round, while the third
        // round's outcomes are being stored
        // then the repeats are at most one batch (50): the fourth round's two sends, the third round having been
        // stored before the fourth began
        dispatchAndEnd("FollowUpDispatchCrashTest-boundary", 1, 3 * BATCH_SIZE + 2, End.KILL);
    }

    @Test
    @Timeout(180)
    @DisplayName("a dispatching node stopped gracefully mid-round sends nothing twice and hands the rest of its batch"
            + " back, so the other node takes it over without waiting for the lease")
    void stoppedMidRound() throws Exception {
        // given 2,000 due follow-ups and two dispatching nodes whose lease (two minutes) outlasts the test's wait
        // when "a" is asked to stop (Rapport.close()) after its 275th send
        // then no follow-up is sent twice, and every one is sent within the wait, which only the hand-back allows
        dispatchAndEnd("FollowUpDispatchCrashTest-graceful", 2, 275, End.STOP);
    }

    /** How node "a" ends. */
    private enum End {
        /** SIGKILL, with a lease of three seconds; repeats bounded by a batch per thread. */
        KILL,
        /** {@code STOP}, which closes its Rapport, with a lease of two minutes; no repeats. */
        STOP
    }

    /**
     * Seeds 2,000 due follow-ups, starts dispatching nodes "a" (with the given threads) and "b" (one thread), ends
     * "a" after its given send, waits until every follow-up left SCHEDULED and CLAIMED, counts, reports and checks.
     */
    private void dispatchAndEnd(String report, int threadsOfA, int afterSends, End end) throws Exception {
        // given 2,000 follow-ups due now, ten on each of 200 customers' cases, and two dispatching nodes
        Map<String, FollowUpId> byRef = Seeds.dueFollowUps(nodes, CUSTOMERS, PER_CUSTOMER);
        String lease = end == End.KILL ? "3000" : "120000";
        Map<String, String> common = Map.of("batchSize", String.valueOf(BATCH_SIZE), "leaseMillis", lease,
                "pollMillis", "200", "sendDelayMillis", "1");
        Node a = nodes.start("a", "dispatch", with(common, "threads", String.valueOf(threadsOfA)));
        Node b = nodes.start("b", "dispatch", with(common, "threads", "1"));
        nodes.awaitReady(a, b);

        // when both dispatch and "a" is killed with SIGKILL (or asked to stop) right after its given send was logged
        nodes.go(a, b);
        a.awaitCount("SENT", afterSends, Duration.ofSeconds(60));
        if (end == End.KILL) {
            a.kill();
        } else {
            assertThat(a.stop(Duration.ofSeconds(30))).as("exit code of the stopped node").isZero();
        }
        long endedAt = System.nanoTime();
        Nodes.await("every follow-up to leave SCHEDULED and CLAIMED", Duration.ofSeconds(60), () -> nodes.storage()
                .followUps().findByStatus(Set.of(FollowUpStatus.SCHEDULED, FollowUpStatus.CLAIMED),
                        PageRequest.first(1)).items().isEmpty());
        long recoveryMillis = (System.nanoTime() - endedAt) / 1_000_000;
        assertThat(b.stop(Duration.ofSeconds(30))).as("exit code of the survivor").isZero();

        // then nothing is lost or stuck, every repeat is a send of "a" repeated once by "b" under the same key,
        // and the repeats stay within a batch per dispatcher thread of "a" (none after a graceful stop)
        record Send(String node, String key, String ref) { }
        List<Send> sends = nodes.query("SELECT node, message_key, ref FROM {p}sent_log ORDER BY seq",
                rs -> new Send(rs.getString(1), rs.getString(2), rs.getString(3)));
        Map<String, List<Send>> byFollowUp = new LinkedHashMap<>();
        sends.forEach(send -> byFollowUp.computeIfAbsent(send.ref(), r -> new ArrayList<>()).add(send));
        List<String> lost = byRef.keySet().stream().filter(ref -> !byFollowUp.containsKey(ref)).toList();
        List<String> wrongKey = sends.stream()
                .filter(send -> !FollowUpDispatcher.messageKey(byRef.get(send.ref())).equals(send.key()))
                .map(Send::ref).toList();
        int duplicates = sends.size() - byFollowUp.size();
        List<String> repeatedNotAfterKill = byFollowUp.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .filter(e -> e.getValue().size() != 2 || !e.getValue().get(0).node().equals("a")
                        || !e.getValue().get(1).node().equals("b"))
                .map(Map.Entry::getKey).toList();
        Map<FollowUpStatus, Integer> statuses = new HashMap<>();
        List<String> stuck = new ArrayList<>();
        byRef.forEach((ref, id) -> {
            FollowUp followUp = nodes.storage().followUps().findById(id).orElseThrow();
            statuses.merge(followUp.status(), 1, Integer::sum);
            if (followUp.status() != FollowUpStatus.SENT || followUp.leaseOwner().isPresent()) {
                stuck.add(ref);
            }
        });
        long sentByKilled = sends.stream().filter(send -> send.node().equals("a")).count();
        int bound = end == End.KILL ? BATCH_SIZE * threadsOfA : 0;

        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("how node a ended", end == End.KILL ? "SIGKILL" : "STOP (Rapport.close())");
        counts.put("ended after its send number", afterSends);
        counts.put("dispatcher threads of node a", threadsOfA);
        counts.put("follow-ups scheduled", byRef.size());
        counts.put("sends logged", sends.size());
        counts.put("sends by node a", sentByKilled);
        counts.put("sends by the survivor b", sends.size() - sentByKilled);
        counts.put("lost", lost.size());
        counts.put("duplicates", duplicates);
        counts.put("duplicate bound (batch size x threads of the killed node; 0 when stopped)", bound);
        counts.put("duplicates with another key", wrongKey.size());
        counts.put("repeats not explained by the kill", repeatedNotAfterKill.size());
        counts.put("stuck", stuck.size());
        counts.put("final statuses", statuses);
        counts.put("from the end of a to all sent (ms)", recoveryMillis);
        nodes.report(report, counts);

        assertThat(lost).as("follow-ups never sent").isEmpty();
        assertThat(stuck).as("follow-ups not SENT, or still leased, at the end").isEmpty();
        assertThat(wrongKey).as("sends whose key is not FollowUpDispatcher.messageKey(id)").isEmpty();
        assertThat(repeatedNotAfterKill).as("follow-ups repeated other than once by the killed node, then once by"
                + " the survivor").isEmpty();
        assertThat(duplicates).as("duplicate sends, bounded by batch size x threads of the killed node; " + counts)
                .isLessThanOrEqualTo(bound);
    }

    private static Map<String, String> with(Map<String, String> common, String key, String value) {
        Map<String, String> settings = new LinkedHashMap<>(common);
        settings.put(key, value);
        return settings;
    }
}
