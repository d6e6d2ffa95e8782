package dev.rapport.spi.agent;

import dev.rapport.spi.ValidationException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies a team of agents by a code the host chooses, for example {@code "billing"} or {@code "tier-2"}.
 *
 * @param code letters, digits, {@code _ . -}, starting with a letter or digit, at most 64 characters
 */
public record TeamId(String code) {

    private static final Pattern CODE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.\\-]{0,63}");

    /**
     * Checks the code's form.
     *
     * @param code letters, digits, {@code _ . -}, starting with a letter or digit, at most 64 characters
     */
    public TeamId {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw ValidationException.of("TeamId", "team", "Pattern",
                    "must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
    }

    /**
     * The team with this code.
     *
     * @param code letters, digits, {@code _ . -}, starting with a letter or digit, at most 64 characters
     * @return the team id holding the code
     */
    public static TeamId of(String code) {
        return new TeamId(code);
    }

    @Override
    public String toString() {
        return code;
    }
}
