package dev.rapport.spi.customer;

import dev.rapport.spi.Channel;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How one customer is known on one channel: an email address, a phone number, a chat or social handle. One
 * person is one customer whatever the channel: the same identity always finds the same customer.
 *
 * <p>Identities are compared by {@link #normalized()}: emails and handles case-insensitively, phone numbers
 * without spaces, dashes, dots, slashes and brackets, with a leading {@code 00} read as {@code +}.
 *
 * @param channel the channel the address belongs to
 * @param value the address as the customer gave it; kept exactly
 * @param primary whether this is the customer's main address on the channel (at most one per channel)
 * @param verified whether the customer proved they own the address
 */
@ValidContactIdentity
public record ContactIdentity(
        @NotNull Channel channel,
        @NotBlank @PlainText @Size(max = Limits.ADDRESS) String value,
        boolean primary,
        boolean verified) {

    private static final Pattern PHONE_NOISE = Pattern.compile("[\\s\\-./()\\u00a0]");

    /** An unverified, non-primary identity. */
    public static ContactIdentity of(Channel channel, String value) {
        return new ContactIdentity(channel, value, false, false);
    }

    /** A primary, unverified identity. */
    public static ContactIdentity primary(Channel channel, String value) {
        return new ContactIdentity(channel, value, true, false);
    }

    /** The form identities are compared and looked up by; see the type's documentation. */
    public String normalized() {
        return normalize(channel, value);
    }

    /**
     * Normalises an address for lookup. Never throws on malformed input: a malformed address simply matches
     * nothing that is stored.
     *
     * @param channel the channel the address belongs to
     * @param value the address as given
     * @return the comparable form
     */
    public static String normalize(Channel channel, String value) {
        if (value == null) {
            return "";
        }
        String trimmed = value.strip();
        if (channel != null && channel.isPhoneNumberBased()) {
            String digits = PHONE_NOISE.matcher(trimmed).replaceAll("");
            return digits.startsWith("00") ? "+" + digits.substring(2) : digits;
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /** Whether the normalised value is a plausible address for its channel; used by {@link ValidContactIdentity}. */
    static boolean isPlausible(Channel channel, String value) {
        String normalized = normalize(channel, value);
        if (Channel.EMAIL.equals(channel)) {
            return EMAIL.matcher(normalized).matches() && normalized.length() <= 254;
        }
        if (channel.isPhoneNumberBased()) {
            return PHONE.matcher(normalized).matches();
        }
        return !normalized.isEmpty();
    }

    private static final Pattern EMAIL =
            Pattern.compile("[^@\\s\"(),:;<>\\[\\\\\\]]{1,64}@[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]*[\\p{L}\\p{N}])?(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]*[\\p{L}\\p{N}])?)+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{4,15}");
}
