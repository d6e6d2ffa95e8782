package dev.rapport.jdbc;

import dev.rapport.spi.validation.PlainTextValidator;

/**
 * Text given to a lookup (an identity, an external id, an idempotency key, a tag): every such value the store holds
 * is plain text (the value domain refuses control characters and unpaired surrogates), so a lookup for text that is
 * not plain cannot match and is answered "none" without asking the database. Asking would fail or mislead:
 * PostgreSQL refuses a NUL in a parameter (SQL state 22021), and the driver sends an unpaired surrogate as
 * {@code ?}, which could match another value. The in-memory store answers such lookups "none" by comparing.
 */
final class Lookups {

    private Lookups() {
    }

    /**
     * Whether a stored value could equal the given text.
     *
     * @param text the text looked up, not null
     * @return false if it holds a NUL, another control character other than tab, line feed and carriage return, or an
     *         unpaired surrogate
     */
    static boolean matchable(String text) {
        return PlainTextValidator.isPlainText(text, true);
    }
}
