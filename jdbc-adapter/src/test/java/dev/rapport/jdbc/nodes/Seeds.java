package dev.rapport.jdbc.nodes;

import dev.rapport.Rapport;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.followup.ScheduleFollowUp;
import dev.rapport.followup.ScheduleOutcome;
import dev.rapport.followup.SendWindow;
import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Data the harness puts in place through Rapport's facade in the test JVM before it starts the nodes. The seeding
 * Rapport publishes its events straight away to nowhere ({@code useOutbox(false)}), so the outbox holds only what
 * the nodes' own operations append.
 */
final class Seeds {

    private Seeds() {
    }

    /** A Rapport over the harness's storage, for seeding; close it when done. */
    static Rapport rapport(Nodes nodes) {
        return Rapport.builder().storage(nodes.storage()).useOutbox(false).sendWindow(SendWindow.anyTime()).build();
    }

    /**
     * Registers customers, opens one case each and schedules follow-ups of that case due now, on two threads.
     * Each follow-up carries a personalisation value {@value RecordingMessenger#REF} (its number), so the harness
     * can trace a message to its follow-up without trusting the message's key.
     *
     * @return the follow-ups by their {@code ref}, in order
     */
    static Map<String, FollowUpId> dueFollowUps(Nodes nodes, int customers, int perCustomer) throws Exception {
        Map<String, FollowUpId> byRef = new LinkedHashMap<>();
        try (Rapport rapport = rapport(nodes)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Map<String, FollowUpId>>> parts = new ArrayList<>();
                for (int half = 0; half < 2; half++) {
                    int from = half * customers / 2;
                    int to = (half + 1) * customers / 2;
                    parts.add(pool.submit(() -> schedule(rapport, from, to, perCustomer)));
                }
                for (Future<Map<String, FollowUpId>> part : parts) {
                    byRef.putAll(part.get());
                }
            } finally {
                pool.shutdownNow();
            }
        }
        return byRef;
    }

    private static Map<String, FollowUpId> schedule(Rapport rapport, int from, int to, int perCustomer) {
        Map<String, FollowUpId> byRef = new LinkedHashMap<>();
        Instant now = rapport.clock().instant();
        for (int c = from; c < to; c++) {
            Customer customer = rapport.customers().register(RegisterCustomer.builder().name("Customer " + c)
                    .identity(ContactIdentity.primary(Channel.EMAIL, "customer" + c + "@example.com")).build());
            Case opened = rapport.cases().open(OpenCase.builder().customerId(customer.id())
                    .subject("Order " + c).originChannel(Channel.EMAIL).build());
            for (int f = 0; f < perCustomer; f++) {
                String ref = String.valueOf(c * perCustomer + f);
                ScheduleOutcome outcome = rapport.followUps().schedule(ScheduleFollowUp.builder()
                        .customerId(customer.id()).caseId(opened.id()).kind(FollowUpKind.CHECK_IN)
                        .channel(Channel.EMAIL).dueAt(now).values(Map.of(RecordingMessenger.REF, ref)).build());
                byRef.put(ref, outcome.followUpId().orElseThrow(
                        () -> new IllegalStateException("follow-up " + ref + " was not scheduled: " + outcome)));
            }
        }
        return byRef;
    }
}
