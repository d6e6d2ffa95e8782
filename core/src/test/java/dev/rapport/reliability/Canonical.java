package dev.rapport.reliability;

import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.routing.RoutingHolding;
import dev.rapport.spi.routing.RoutingWork;
import dev.rapport.testing.StoreSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Two runs of the same scenario compared although every id is random: each record is written as text, the records
 * are sorted by their text with ids blanked out, and then each id is replaced by its number in order of first
 * appearance. Two stores that differ only in the ids they drew give the same lines; any other difference (a record
 * missing, one too many, a field changed, a reference to another record) shows.
 */
final class Canonical {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Canonical() {
    }

    /**
     * The store as lines. Follow-ups are written without their version and last change time: a follow-up a
     * dispatcher failed to finish is claimed again after its lease and completed later, by design.
     */
    static List<String> of(StoreSnapshot store) {
        List<List<String>> parts = List.of(
                texts(store.customers().stream()),
                texts(store.cases().stream()),
                texts(store.interactions().stream()),
                texts(store.feedback().stream()),
                texts(store.agents().stream()),
                texts(store.followUps().stream().map(Canonical::withoutDispatchTrace)));
        return label(parts);
    }

    /**
     * The store and routing's state as lines: the records as {@link #of(StoreSnapshot)} writes them, then the waiting
     * work (without its version: work queued again by a retry counts one more version, by design) and the holdings.
     */
    static List<String> of(StoreSnapshot store, List<RoutingWork> work, List<RoutingHolding> holdings) {
        List<List<String>> parts = List.of(
                texts(store.customers().stream()),
                texts(store.cases().stream()),
                texts(store.interactions().stream()),
                texts(store.feedback().stream()),
                texts(store.agents().stream()),
                texts(store.followUps().stream().map(Canonical::withoutDispatchTrace)),
                texts(work.stream().map(w -> w.withVersion(0))),
                texts(holdings.stream()));
        return label(parts);
    }

    /**
     * Events as a sorted list of their shapes: type and fields, with every id and their own time blanked, so two
     * runs compare by how many events of each kind and content they published, whatever the ids and the order.
     */
    static List<String> ofEvents(List<DomainEvent> events) {
        return events.stream()
                .map(e -> blank(e.toString().replace(e.occurredAt().toString(), "time")))
                .sorted()
                .toList();
    }

    /** The event types, in the order published. */
    static List<String> types(List<DomainEvent> events) {
        return events.stream().map(DomainEvent::type).toList();
    }

    private static FollowUp withoutDispatchTrace(FollowUp f) {
        return f.toBuilder().version(0).updatedAt(null).build();
    }

    private static List<String> texts(Stream<?> records) {
        return records.map(String::valueOf)
                .sorted((a, b) -> blank(a).compareTo(blank(b)))
                .toList();
    }

    private static String blank(String text) {
        return UUID.matcher(text).replaceAll("#");
    }

    private static List<String> label(List<List<String>> parts) {
        Map<String, String> labels = new HashMap<>();
        List<String> lines = new ArrayList<>();
        for (List<String> part : parts) {
            for (String text : part) {
                Matcher m = UUID.matcher(text);
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    String label = labels.computeIfAbsent(m.group(), k -> "#" + (labels.size() + 1));
                    m.appendReplacement(out, label);
                }
                m.appendTail(out);
                lines.add(out.toString());
            }
            lines.add("--");
        }
        return lines;
    }
}
