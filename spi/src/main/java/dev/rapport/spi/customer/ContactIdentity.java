package dev.rapport.spi.customer;

import dev.rapport.spi.Channel;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How one customer is known on one channel: an email address, a phone number, a chat or social handle. One
 * person is one customer whatever the channel: the same identity always finds the same customer.
 *
 * <p>Identities are compared by their normal form ({@link #normalized()}, or {@link #normalizedFor(Locale)} when the
 * holder's country is known). The rules, in {@link #normalize(Channel, String, Locale)}:
 * <ul>
 *   <li><b>Emails and handles</b>: surrounding white space stripped, then Unicode normalisation form NFC, then
 *       Unicode default (full, non-Turkic) case folding, then NFC again. So {@code "José@Example.com"} typed with a
 *       precomposed {@code é} (NFC) or with {@code e} plus a combining accent (NFD) is the same address, and
 *       {@code "STRASSE@x.de"} equals {@code "straße@x.de"}. <b>Turkish I</b>: folding does not depend on anyone's
 *       locale, deliberately. {@code I} folds to {@code i}; dotted capital {@code İ} (U+0130) folds to {@code i}
 *       followed by a combining dot above (U+0307), which is what the same letter typed as {@code I} + U+0307
 *       becomes; dotless {@code ı} (U+0131) stays {@code ı}. Hence {@code İ}, {@code I}/{@code i} and {@code ı}
 *       are three different letters, as they are in Turkish, and an English {@code MAIL@x.com} never matches a
 *       Turkish {@code maıl@x.com}. Folding with the Turkic rules instead would make the answer depend on whose
 *       locale the lookup ran in; folding {@code ı} onto {@code i} (as upper-then-lower casing does) would merge
 *       two letters Turkish keeps apart.</li>
 *   <li><b>Phone numbers</b> (phone, SMS, WhatsApp): spaces, dashes, dots, slashes and brackets removed; a leading
 *       {@code 00} read as {@code +}. A number without {@code +} is a national number: when the country is known
 *       (the holder's locale has a country Rapport knows, see {@link PhoneNumbers}) it becomes E.164 ({@code +},
 *       country calling code, national number without the trunk prefix). Otherwise it is kept as national digits,
 *       and only matches the same national digits.</li>
 * </ul>
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

    /**
     * An unverified, non-primary identity.
     *
     * @param channel the channel the address belongs to
     * @param value the address as the customer gave it; kept exactly
     * @return an identity that is neither primary nor verified
     */
    public static ContactIdentity of(Channel channel, String value) {
        return new ContactIdentity(channel, value, false, false);
    }

    /**
     * A primary, unverified identity.
     *
     * @param channel the channel the address belongs to
     * @param value the address as the customer gave it; kept exactly
     * @return an identity marked primary on its channel, not verified
     */
    public static ContactIdentity primary(Channel channel, String value) {
        return new ContactIdentity(channel, value, true, false);
    }

    /**
     * The form identities are compared and looked up by when the holder's country is not known; see the type's
     * documentation.
     *
     * @return the normal form of {@link #value()} on {@link #channel()}, with national phone numbers kept as national
     *        digits
     */
    public String normalized() {
        return normalize(channel, value, null);
    }

    /**
     * The form this identity is stored and compared by when it belongs to a customer with the locale: national
     * phone numbers become E.164 if the locale's country is known. Identical to {@link #normalized()} for emails
     * and handles.
     *
     * @param locale the holder's locale; may be null (no country known)
     * @return the comparable form
     */
    public String normalizedFor(Locale locale) {
        return normalize(channel, value, locale);
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
        return normalize(channel, value, null);
    }

    /**
     * Normalises an address for lookup, knowing the holder's locale; see the type's documentation. Never throws on
     * malformed input.
     *
     * @param channel the channel the address belongs to
     * @param value the address as given
     * @param locale the holder's locale, whose country turns national phone numbers into E.164; may be null
     * @return the comparable form
     */
    public static String normalize(Channel channel, String value, Locale locale) {
        if (value == null) {
            return "";
        }
        String trimmed = value.strip();
        if (channel != null && channel.isPhoneNumberBased()) {
            String digits = PHONE_NOISE.matcher(trimmed).replaceAll("");
            if (digits.startsWith("00")) {
                return "+" + digits.substring(2);
            }
            return digits.startsWith("+") || locale == null ? digits : PhoneNumbers.toE164(digits, locale.getCountry());
        }
        return fold(trimmed);
    }

    /** NFC, then Unicode default full case folding keeping dotless {@code ı} apart, then NFC again. */
    static String fold(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(nfc.length());
        nfc.codePoints().forEach(cp -> {
            if (cp == DOTLESS_I) {
                out.appendCodePoint(cp); // its own letter: upper-then-lower casing would turn it into i
            } else if (cp == DOTTED_CAPITAL_I) {
                out.append('i').append(COMBINING_DOT_ABOVE); // CaseFolding.txt status F, not the Turkic T rule
            } else {
                // upper then lower gives the full folding (ß -> ss, ς -> σ, ligatures split) for everything else
                out.append(new String(Character.toChars(cp)).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT));
            }
        });
        return Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    private static final int DOTLESS_I = 0x0131;
    private static final int DOTTED_CAPITAL_I = 0x0130;
    private static final char COMBINING_DOT_ABOVE = '\u0307';

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
