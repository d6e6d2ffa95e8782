package dev.rapport.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * The ticks of a logarithmic time axis, at durations people think in (1 s, 1 min, 15 min, 1 h, 1 d, 1 w...), so that
 * waits from seconds on chat to days on email fit one chart and can be read at a glance. Stateless.
 */
final class DurationTicks {

    /** The shortest duration drawn, in seconds; shorter ones (an instant answer) are drawn at it. */
    static final double SMALLEST = 1;

    /**
     * One tick.
     *
     * @param seconds where it is
     * @param label what it says
     */
    record Tick(double seconds, String label) {
    }

    private static final List<Tick> CANDIDATES = List.of(new Tick(1, "1 s"), new Tick(10, "10 s"),
            new Tick(60, "1 min"), new Tick(5 * 60, "5 min"), new Tick(15 * 60, "15 min"), new Tick(3_600, "1 h"),
            new Tick(4 * 3_600, "4 h"), new Tick(86_400, "1 d"), new Tick(3 * 86_400, "3 d"),
            new Tick(7 * 86_400, "1 w"), new Tick(30 * 86_400, "30 d"), new Tick(90 * 86_400, "90 d"),
            new Tick(365 * 86_400, "1 y"), new Tick(10 * 365 * 86_400.0, "10 y"));

    private static final int MAX_TICKS = 7;
    private static final double MIN_GAP_DECADES = 0.55;

    private DurationTicks() {
    }

    private static double decades(Tick from, Tick to) {
        return Math.log10(to.seconds()) - Math.log10(from.seconds());
    }

    /**
     * Ticks from the largest candidate at or below the shortest value to the smallest at or above the longest,
     * thinned so that neighbours are at least half a decade apart and there are at most seven (the first and last
     * always kept); 1 min to 1 d without values.
     */
    static List<Tick> covering(List<Double> values) {
        double lo = values.stream().mapToDouble(Double::doubleValue).min().orElse(60);
        double hi = values.stream().mapToDouble(Double::doubleValue).max().orElse(86_400);
        int first = 0;
        for (int i = 0; i < CANDIDATES.size(); i++) {
            if (CANDIDATES.get(i).seconds() <= Math.max(lo, SMALLEST)) {
                first = i;
            }
        }
        int last = CANDIDATES.size() - 1;
        for (int i = CANDIDATES.size() - 1; i >= 0; i--) {
            if (CANDIDATES.get(i).seconds() >= hi) {
                last = i;
            }
        }
        if (last <= first) {
            last = Math.min(first + 1, CANDIDATES.size() - 1);
            first = last - 1;
        }
        List<Tick> all = CANDIDATES.subList(first, last + 1);
        // Keep ticks far enough apart on the logarithmic axis that their labels never touch.
        double gap = Math.max(MIN_GAP_DECADES, (Math.log10(all.get(all.size() - 1).seconds())
                - Math.log10(all.get(0).seconds())) / (MAX_TICKS - 1));
        List<Tick> kept = new ArrayList<>();
        kept.add(all.get(0));
        for (Tick tick : all.subList(1, all.size() - 1)) {
            if (decades(kept.get(kept.size() - 1), tick) >= gap) {
                kept.add(tick);
            }
        }
        Tick end = all.get(all.size() - 1);
        if (kept.size() > 1 && decades(kept.get(kept.size() - 1), end) < gap * 0.75) {
            kept.remove(kept.size() - 1);
        }
        kept.add(end);
        return List.copyOf(kept);
    }
}
