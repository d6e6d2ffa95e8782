package dev.rapport.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Expected values computed straight from the definitions, independently of the engine's arithmetic. */
final class Expected {

    private Expected() {
    }

    /** Linear interpolation between closest ranks, in doubles. */
    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double h = p * (sorted.size() - 1);
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.size() - 1);
        return sorted.get(lo) + (h - lo) * (sorted.get(hi) - sorted.get(lo));
    }

    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    static double sum(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    static List<Double> seconds(Duration... durations) {
        List<Double> seconds = new ArrayList<>();
        for (Duration d : durations) {
            seconds.add(d.toNanos() / 1e9);
        }
        return seconds;
    }

    /** Asserts a figure's value, numerator and denominator, and that value = numerator / denominator. */
    static void figure(KpiFigure figure, double numerator, double denominator) {
        assertThat(figure.numerator().doubleValue()).as("numerator").isCloseTo(numerator, within(1e-9));
        assertThat(figure.denominator().doubleValue()).as("denominator").isCloseTo(denominator, within(1e-9));
        if (denominator == 0) {
            assertThat(figure.value()).as("value").isEmpty();
        } else {
            double scale = figure.kpi().unit().scale().doubleValue();
            assertThat(figure.value()).as("value").isPresent();
            assertThat(figure.value().get().doubleValue()).as("value")
                    .isCloseTo(scale * numerator / denominator, within(1e-9));
        }
    }

    static void statistic(KpiFigure figure, String name, double expected) {
        assertThat(figure.statistic(name)).as(name).isPresent();
        assertThat(figure.statistic(name).map(BigDecimal::doubleValue).orElseThrow()).as(name)
                .isCloseTo(expected, within(1e-9));
    }
}
