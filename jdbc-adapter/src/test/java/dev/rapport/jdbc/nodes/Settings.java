package dev.rapport.jdbc.nodes;

import java.time.Duration;
import java.util.Map;

/** A node's {@code key=value} settings, read with a default for each key. Immutable. */
record Settings(Map<String, String> values) {

    Settings {
        values = Map.copyOf(values);
    }

    /** The text of a setting; required when there is no default. */
    String text(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("setting " + key + " is required");
        }
        return value;
    }

    /** A whole number, or the default. */
    int integer(String key, int defaultValue) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key)) : defaultValue;
    }

    /** A yes-or-no setting ({@code true} or {@code false}), or the default. */
    boolean flag(String key, boolean defaultValue) {
        return values.containsKey(key) ? Boolean.parseBoolean(values.get(key)) : defaultValue;
    }

    /** A duration given in milliseconds, or the default in milliseconds. */
    Duration millis(String key, long defaultValue) {
        return Duration.ofMillis(values.containsKey(key) ? Long.parseLong(values.get(key)) : defaultValue);
    }

    /** A duration given in seconds, or the default in seconds. */
    Duration seconds(String key, long defaultValue) {
        return Duration.ofSeconds(values.containsKey(key) ? Long.parseLong(values.get(key)) : defaultValue);
    }
}
