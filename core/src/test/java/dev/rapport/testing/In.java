package dev.rapport.testing;

/**
 * A generated input and whether the rules of its field accept it: property tests know in advance which fields of a
 * command are bad, and check that exactly those are named.
 *
 * @param value the value, possibly null
 * @param valid whether the field's rules accept it
 * @param <T> the value type
 */
public record In<T>(T value, boolean valid) {

    /** A value the field accepts. */
    public static <T> In<T> ok(T value) {
        return new In<>(value, true);
    }

    /** A value the field refuses. */
    public static <T> In<T> bad(T value) {
        return new In<>(value, false);
    }

    @Override
    public String toString() {
        return (valid ? "ok " : "BAD ") + Draft.describe(value);
    }
}
