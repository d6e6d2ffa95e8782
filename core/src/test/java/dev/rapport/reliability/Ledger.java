package dev.rapport.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Counts what a reliability test observed (operations run, faults injected, items lost, duplicates) and writes
 * them to {@code target/reliability/<name>.txt}, so that the numbers in {@code docs/reliability.md} can be taken
 * from a run; nothing is printed. Thread-safe.
 */
final class Ledger {

    private final String name;
    private final Map<String, Long> counts = new LinkedHashMap<>();

    Ledger(String name) {
        this.name = name;
    }

    /** Adds to a count. */
    synchronized void add(String count, long n) {
        counts.merge(count, n, Long::sum);
    }

    /** A count; zero if never added to. */
    synchronized long get(String count) {
        return counts.getOrDefault(count, 0L);
    }

    /** Writes the counts, one {@code name = value} per line, in the order they were first added to. */
    synchronized void write() {
        String text = counts.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            Path dir = Path.of("target", "reliability");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".txt"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
