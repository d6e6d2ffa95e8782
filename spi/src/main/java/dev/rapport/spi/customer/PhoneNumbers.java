package dev.rapport.spi.customer;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns national telephone numbers into E.164 for the countries Rapport knows, with a small rule set instead of a
 * numbering-plan library. Used by {@link ContactIdentity#normalize(dev.rapport.spi.Channel, String, Locale)}.
 *
 * <p>What is handled, for a number written without {@code +} or {@code 00} and a known country:
 * <ul>
 *   <li>countries whose national numbers start with the trunk prefix {@code 0} (most of Europe, Turkey, the UK,
 *       Australia, New Zealand, Japan, India, South Africa...): one leading {@code 0} is dropped and the country
 *       calling code put in front ({@code 030 1234567} in Germany is {@code +49301234567});</li>
 *   <li>Italy, San Marino and the Vatican, where the leading {@code 0} is part of the number and is kept;</li>
 *   <li>countries without a trunk prefix (Spain, Portugal, Denmark, Norway, Poland, Greece...): the calling code is
 *       put in front of the digits;</li>
 *   <li>the North American Numbering Plan (United States, Canada): ten digits get {@code +1}; eleven starting with
 *       the trunk prefix {@code 1} get {@code +}.</li>
 * </ul>
 * What is not: countries not in the table and locales without a country (the national digits are kept as they
 * are, so they only match the same national digits); a trunk-prefix country's number written without its
 * {@code 0} (ambiguous, kept as is); validation of number lengths or ranges; carrier selection codes (Brazil,
 * Argentina); Hungary's {@code 06} and Russia's {@code 8} trunk prefixes; numbers given in international form
 * with a trunk prefix left in ({@code +44 (0)20...}: the brackets are dropped but the {@code 0} stays).
 */
public final class PhoneNumbers {

    /** Country calling codes of the countries whose national numbers start with the trunk prefix {@code 0}. */
    private static final Map<String, String> TRUNK_ZERO = Map.ofEntries(
            Map.entry("GB", "44"), Map.entry("IE", "353"), Map.entry("DE", "49"), Map.entry("AT", "43"),
            Map.entry("CH", "41"), Map.entry("FR", "33"), Map.entry("BE", "32"), Map.entry("NL", "31"),
            Map.entry("SE", "46"), Map.entry("FI", "358"), Map.entry("TR", "90"), Map.entry("AU", "61"),
            Map.entry("NZ", "64"), Map.entry("JP", "81"), Map.entry("IN", "91"), Map.entry("ZA", "27"),
            Map.entry("SI", "386"), Map.entry("HR", "385"), Map.entry("RS", "381"), Map.entry("BG", "359"),
            Map.entry("RO", "40"), Map.entry("UA", "380"), Map.entry("IL", "972"), Map.entry("EG", "20"),
            Map.entry("KR", "82"), Map.entry("CN", "86"), Map.entry("PK", "92"), Map.entry("NG", "234"),
            Map.entry("SK", "421"));

    /** Country calling codes of the countries that keep the leading {@code 0} in international form. */
    private static final Map<String, String> KEEP_ZERO = Map.of("IT", "39", "SM", "378", "VA", "39");

    /** Country calling codes of the countries without a trunk prefix. */
    private static final Map<String, String> NO_TRUNK = Map.ofEntries(
            Map.entry("ES", "34"), Map.entry("PT", "351"), Map.entry("DK", "45"), Map.entry("NO", "47"),
            Map.entry("PL", "48"), Map.entry("GR", "30"), Map.entry("LU", "352"), Map.entry("CZ", "420"),
            Map.entry("EE", "372"), Map.entry("LV", "371"), Map.entry("IS", "354"), Map.entry("MT", "356"),
            Map.entry("CY", "357"), Map.entry("SG", "65"), Map.entry("HK", "852"));

    /** The North American Numbering Plan countries Rapport knows, calling code 1. */
    private static final Set<String> NANP = Set.of("US", "CA");

    private PhoneNumbers() {
    }

    /**
     * The E.164 form of a national number, or the digits unchanged when the country is unknown or the number does
     * not fit the country's rule.
     *
     * @param digits the number with formatting removed, without {@code +}
     * @param country the ISO 3166 alpha-2 country code, any case; empty or null when unknown
     * @return the E.164 form, or {@code digits}
     */
    public static String toE164(String digits, String country) {
        if (digits == null || digits.isEmpty() || country == null || country.isEmpty()
                || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return digits;
        }
        String cc = country.toUpperCase(Locale.ROOT);
        if (NANP.contains(cc)) {
            if (digits.length() == 10 && digits.charAt(0) != '0' && digits.charAt(0) != '1') {
                return "+1" + digits;
            }
            return digits.length() == 11 && digits.charAt(0) == '1' ? "+" + digits : digits;
        }
        String code = TRUNK_ZERO.get(cc);
        if (code != null) {
            return digits.length() > 1 && digits.charAt(0) == '0' && digits.charAt(1) != '0'
                    ? "+" + code + digits.substring(1) : digits;
        }
        code = KEEP_ZERO.get(cc);
        if (code != null) {
            return "+" + code + digits;
        }
        code = NO_TRUNK.get(cc);
        return code != null ? "+" + code + digits : digits;
    }

    /**
     * Whether Rapport knows the country's numbering rule, so national numbers there become E.164.
     *
     * @param country an ISO 3166-1 alpha-2 country code, in either case; null for an unknown country
     * @return true if national numbers of that country are turned into E.164, false otherwise (also for null)
     */
    public static boolean knows(String country) {
        if (country == null) {
            return false;
        }
        String cc = country.toUpperCase(Locale.ROOT);
        return NANP.contains(cc) || TRUNK_ZERO.containsKey(cc) || KEEP_ZERO.containsKey(cc) || NO_TRUNK.containsKey(cc);
    }
}
