package dev.rapport.testing;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Money;
import dev.rapport.spi.customer.ContactIdentity;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of random and hostile input, each value tagged with whether its field's rules accept it: control
 * characters, NUL, lone surrogates, very long strings, nulls, blank strings, malformed emails and phone numbers,
 * bad codes and amounts. Valid values are mostly plain, but include Unicode, emoji, right-to-left marks, quotes, SQL
 * fragments, pattern characters and values at the length limits.
 */
public final class Hostile {

    /** How much more often a field gets a valid value than a hostile one, so that whole commands pass often too. */
    private static final int VALID_WEIGHT = 30;

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String PLAIN = LETTERS + "0123456789 -'.,!?#&()éüßŁøç中日한ÆΩж";
    private static final List<String> CONTROL = List.of("\u0000", "\u0001", "\u0007", "\u001b", "\u007f",
            "\u0085", "\u009f");
    private static final List<String> LINE_BREAKS = List.of("\n", "\r", "\t");
    private static final List<String> LONE_SURROGATES = List.of("\uD83D", "\uDE00", "\uDE00\uD83D");

    private Hostile() {
    }

    // ---- text ----------------------------------------------------------------------------------------------------

    /** Text that is required and must not be blank: {@code @NotBlank @PlainText @Size(max)}. */
    public static Arbitrary<In<String>> requiredText(int max, boolean multiline) {
        return text(max, multiline, false, false);
    }

    /** Optional text that may be blank: absent (null) is fine. {@code Optional<@PlainText @Size(max)>}. */
    public static Arbitrary<In<String>> optionalText(int max, boolean multiline) {
        return text(max, multiline, true, true);
    }

    /** Optional text that, when present, must not be blank. */
    public static Arbitrary<In<String>> optionalNonBlankText(int max) {
        return text(max, false, true, false);
    }

    /** Required text that may be blank but not null: a map value such as a customer attribute. */
    public static Arbitrary<In<String>> presentText(int max, boolean multiline) {
        return text(max, multiline, false, true);
    }

    private static Arbitrary<In<String>> text(int max, boolean multiline, boolean nullOk, boolean blankOk) {
        Arbitrary<String> plain = Combinators.combine(Arbitraries.of(LETTERS.toCharArray()),
                        Arbitraries.strings().withChars(PLAIN + (multiline ? "\n\t\r" : ""))
                                .ofMinLength(0).ofMaxLength(Math.min(max - 1, 30)))
                .as((first, rest) -> first + rest);
        List<Arbitrary<? extends In<String>>> valid = new ArrayList<>(List.of(
                plain.map(In::ok),
                Arbitraries.of("Zoë 🌷", "名前 テスト", "O'Brien-Łukasiewicz", "Robert'); DROP TABLE customers;--",
                        "1' OR '1'='1", "\u200fשלום\u200e \"עולם\"", "%_\\*? $1 ${x}", "a".repeat(max),
                        "x" + "👍".repeat((max - 1) / 2)).map(In::ok)));
        List<Arbitrary<? extends In<String>>> bad = new ArrayList<>(List.of(
                Combinators.combine(plain, Arbitraries.of(CONTROL)).as((s, c) -> s + c + s).map(In::bad),
                Combinators.combine(plain, Arbitraries.of(LONE_SURROGATES)).as((s, c) -> s + c).map(In::bad),
                Arbitraries.of(LONE_SURROGATES).map(s -> "x" + s + "y").map(In::bad),
                Arbitraries.of(max + 1, max + 2, max * 2 + 7).map(n -> "b".repeat(n)).map(In::bad)));
        if (multiline) {
            valid.add(Arbitraries.of("line one\nline two", "tab\there", "crlf\r\nend").map(In::ok));
        } else {
            bad.add(Combinators.combine(plain, Arbitraries.of(LINE_BREAKS)).as((s, c) -> s + c).map(In::bad));
        }
        Arbitrary<In<String>> blank = Arbitraries.of("", " ", "   ").map(blankOk ? In::ok : In::bad);
        Arbitrary<In<String>> nothing = Arbitraries.just(nullOk ? In.ok((String) null) : In.bad((String) null));
        return Arbitraries.frequencyOf(
                Tuple.of(VALID_WEIGHT, Arbitraries.oneOf(valid)),
                Tuple.of(2, Arbitraries.oneOf(bad)),
                Tuple.of(1, blank),
                Tuple.of(1, nothing));
    }

    // ---- codes ---------------------------------------------------------------------------------------------------

    /** A code ({@code @Code}): letters, digits, {@code _ . -}, starting with a letter or digit, 1 to 64 characters. */
    public static Arbitrary<In<String>> code(boolean nullOk) {
        Arbitrary<String> valid = Combinators.combine(Arbitraries.of("a", "z", "0", "9", "é", "Ж"),
                        Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789_.-").ofMaxLength(20))
                .as((first, rest) -> first + rest);
        Arbitrary<In<String>> good = Arbitraries.oneOf(valid, Arbitraries.of("c".repeat(64), "billing.refund",
                "tier-2", "ÜNÏ_code")).map(In::ok);
        Arbitrary<In<String>> bad = Arbitraries.of("", " ", "-lead", "_lead", ".lead", "has space", "a/b", "a@b",
                "c".repeat(65), "nul\u0000", "tab\tcode", "sur\uD800", "emoji🙂").map(In::bad);
        return Arbitraries.frequencyOf(
                Tuple.of(VALID_WEIGHT, good),
                Tuple.of(2, bad),
                Tuple.of(1, Arbitraries.just(nullOk ? In.ok((String) null) : In.bad((String) null))));
    }

    /** A map of code keys to present text values, as customer attributes are; at most {@code maxEntries}. */
    public static Arbitrary<In<Map<String, String>>> attributes(int maxEntries, int maxValue) {
        Arbitrary<In<Map<String, String>>> small = Combinators.combine(
                        code(false).list().ofMaxSize(4), presentText(maxValue, true).list().ofMaxSize(4))
                .as((keys, values) -> {
                    Map<String, String> map = new LinkedHashMap<>();
                    boolean valid = true;
                    for (int i = 0; i < Math.min(keys.size(), values.size()); i++) {
                        if (map.containsKey(keys.get(i).value())) {
                            continue;
                        }
                        map.put(keys.get(i).value(), values.get(i).value());
                        valid &= keys.get(i).valid() && values.get(i).valid();
                    }
                    return new In<>(map, valid);
                });
        Arbitrary<In<Map<String, String>>> tooMany = Arbitraries.just(maxEntries + 1).map(n -> {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                map.put("k" + i, "v");
            }
            return In.bad(map);
        });
        return Arbitraries.frequencyOf(Tuple.of(20, small), Tuple.of(1, tooMany),
                Tuple.of(1, Arbitraries.just(In.ok(Map.<String, String>of()))));
    }

    // ---- contact identities --------------------------------------------------------------------------------------

    /**
     * A contact identity on a random channel; valid values end in a two-digit suffix from {@code index}, so that
     * the valid identities of one command never repeat one another.
     */
    public static Arbitrary<In<ContactIdentity>> identity(int index) {
        String suffix = String.format("%02d", index % 100);
        Arbitrary<Boolean> primary = Arbitraries.of(false, false, true);
        Arbitrary<Boolean> verified = Arbitraries.of(false, true);
        Arbitrary<In<ContactIdentity>> email = Combinators.combine(email(suffix), primary, verified)
                .as((v, p, ver) -> new In<>(new ContactIdentity(Channel.EMAIL, v.value(), p, ver), v.valid()));
        Arbitrary<In<ContactIdentity>> phone = Combinators.combine(Arbitraries.of(Channel.PHONE, Channel.SMS,
                        Channel.WHATSAPP), phone(suffix), primary, verified)
                .as((c, v, p, ver) -> new In<>(new ContactIdentity(c, v.value(), p, ver), v.valid()));
        Arbitrary<In<ContactIdentity>> handle = Combinators.combine(Arbitraries.of(Channel.CHAT, Channel.X,
                        Channel.of("line")), handle(suffix), primary, verified)
                .as((c, v, p, ver) -> new In<>(new ContactIdentity(c, v.value(), p, ver), v.valid()));
        Arbitrary<In<ContactIdentity>> noChannel = email(suffix)
                .map(v -> In.bad(new ContactIdentity(null, v.value(), false, false)));
        return Arbitraries.frequencyOf(Tuple.of(4, email), Tuple.of(4, phone), Tuple.of(2, handle),
                Tuple.of(1, noChannel), Tuple.of(1, Arbitraries.just(In.bad((ContactIdentity) null))));
    }

    /** An email address: valid ones in mixed case, sometimes padded; malformed ones of many kinds. */
    public static Arbitrary<In<String>> email(String suffix) {
        Arbitrary<String> local = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789._+-")
                .ofMaxLength(12).map(s -> "u" + s + "." + suffix);
        Arbitrary<String> label = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789")
                .ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> tld = Arbitraries.of("com", "org", "co.uk", "de", "example", "xn--p1ai");
        Arbitrary<In<String>> valid = Combinators.combine(local, label, tld, Arbitraries.of("", "", " "),
                        Arbitraries.of(false, true))
                .as((l, d, t, pad, upper) -> {
                    String address = l + "@" + d + "." + t;
                    return In.ok(pad + (upper ? address.toUpperCase(java.util.Locale.ROOT) : address) + pad);
                });
        Arbitrary<In<String>> malformed = Arbitraries.of("plainaddress", "@example.com", "ann@", "ann@example",
                "ann@@example.com", "ann smith@example.com", "ann@-example.com", "ann@example..com",
                "ann@example.com.", "\"ann\"@example.com", "a".repeat(65) + "@example.com",
                "ann@" + "d".repeat(250) + ".com", "ann\u0000@example.com", "ann@exa\uD800mple.com", "", "   ",
                "ann\n@example.com").map(In::bad);
        return Arbitraries.frequencyOf(Tuple.of(VALID_WEIGHT, valid), Tuple.of(2, malformed),
                Tuple.of(1, Arbitraries.just(In.bad((String) null))));
    }

    /** A telephone number: valid ones of 4 to 15 digits in any formatting; malformed ones of many kinds. */
    public static Arbitrary<In<String>> phone(String suffix) {
        Arbitrary<String> digits = Combinators.combine(Arbitraries.of("123456789".toCharArray()),
                        Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(12))
                .as((first, rest) -> first + rest + suffix);
        Arbitrary<In<String>> valid = Combinators.combine(digits, Arbitraries.of("", "+", "00"),
                        Arbitraries.of("", " ", "-", ".", "/", "\u00a0"), Arbitraries.of(false, true))
                .as((body, prefix, separator, brackets) -> {
                    StringBuilder out = new StringBuilder(prefix);
                    for (int i = 0; i < body.length(); i++) {
                        if (i > 0 && i % 3 == 0) {
                            out.append(separator);
                        }
                        if (brackets && i == 0) {
                            out.append('(');
                        }
                        out.append(body.charAt(i));
                        if (brackets && i == 1) {
                            out.append(')');
                        }
                    }
                    return In.ok(out.toString());
                });
        Arbitrary<In<String>> malformed = Arbitraries.of("12", "+12", "1234567890123456", "+44 77OO 900123",
                "++447700900123", "phone", "+", "12a4567", "+44\u00007700900123", "+44 7700\n900123", "",
                "  ", "0" + "\uDE00" + "12345", "#4477009001").map(In::bad);
        return Arbitraries.frequencyOf(Tuple.of(VALID_WEIGHT, valid), Tuple.of(2, malformed),
                Tuple.of(1, Arbitraries.just(In.bad((String) null))));
    }

    /** A chat or social handle: any plain single-line text up to the address limit. */
    public static Arbitrary<In<String>> handle(String suffix) {
        return requiredText(320, false).map(in -> in.valid() ? In.ok(fit(in.value(), 317) + "#" + suffix) : in);
    }

    /** The text cut to at most {@code max} characters without splitting a surrogate pair. */
    private static String fit(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        String cut = text.substring(0, max);
        return Character.isHighSurrogate(cut.charAt(max - 1)) ? cut.substring(0, max - 1) : cut;
    }

    // ---- other values --------------------------------------------------------------------------------------------

    /** Money within the contract's 15 integer and 4 fraction digits, or beyond them, or without a currency. */
    public static Arbitrary<In<Money>> money() {
        Arbitrary<Long> unscaledValues = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.longs().between(-99_999_999_999L, 99_999_999_999L)),
                Tuple.of(1, Arbitraries.longs().between(-999_999_999_999_999_999L, 999_999_999_999_999_999L)));
        Arbitrary<In<Money>> amounts = Combinators.combine(unscaledValues,
                        Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.integers().between(0, 4)),
                                Tuple.of(1, Arbitraries.integers().between(-3, 6))),
                        Arbitraries.of("EUR", "GBP", "JPY", "USD"))
                .as((unscaled, scale, currency) -> {
                    Money money = new Money(BigDecimal.valueOf(unscaled, scale), Currency.getInstance(currency));
                    return new In<>(money, fitsDigits(money.amount()));
                });
        Arbitrary<In<Money>> noCurrency = Arbitraries.just(In.bad(new Money(BigDecimal.ONE, null)));
        Arbitrary<In<Money>> noAmount = Arbitraries.just(In.bad(new Money(null, Currency.getInstance("EUR"))));
        return Arbitraries.frequencyOf(Tuple.of(VALID_WEIGHT, amounts), Tuple.of(1, noCurrency),
                Tuple.of(1, noAmount));
    }

    /** Whether an amount has at most 15 integer and 4 fraction digits, as {@code @Digits(15, 4)} counts them. */
    public static boolean fitsDigits(BigDecimal amount) {
        int integerDigits = amount.precision() - amount.scale();
        int fractionDigits = Math.max(amount.scale(), 0);
        return integerDigits <= 15 && fractionDigits <= 4;
    }

    /** An instant between 2000 and 2030 with nanoseconds, or null. */
    public static Arbitrary<Instant> instant() {
        return Arbitraries.longs().between(946_684_800L, 1_893_456_000L)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
    }

    /** A date from 1900 to 2100: a birthday is valid only if it lies before {@code today}. */
    public static Arbitrary<In<LocalDate>> birthday(LocalDate today) {
        return Arbitraries.longs().between(LocalDate.of(1900, 1, 1).toEpochDay(), LocalDate.of(2100, 1, 1).toEpochDay())
                .map(LocalDate::ofEpochDay).map(d -> new In<>(d, d.isBefore(today))).injectNull(0.2)
                .map(in -> in == null ? In.ok(null) : in);
    }

    /** A duration, sometimes negative, which handle times refuse. */
    public static Arbitrary<In<Duration>> duration() {
        return Arbitraries.longs().between(-3_600L, 36_000L).map(Duration::ofSeconds)
                .map(d -> new In<>(d, !d.isNegative()));
    }

    /** A value or null, where null is refused (a required field). */
    public static <T> Arbitrary<In<T>> required(Arbitrary<T> values) {
        return Arbitraries.frequencyOf(Tuple.of(VALID_WEIGHT, values.map(In::ok)),
                Tuple.of(1, Arbitraries.just(In.bad((T) null))));
    }

    /** A value or null, where null is fine (an optional field). */
    public static <T> Arbitrary<In<T>> optional(Arbitrary<T> values) {
        return Arbitraries.frequencyOf(Tuple.of(3, values.map(In::ok)), Tuple.of(1, Arbitraries.just(In.ok((T) null))));
    }

    /** Some of the values, in a set that may hold a null element, which is refused. */
    public static <T> Arbitrary<In<Set<T>>> setWithNulls(Arbitrary<In<T>> elements, int maxSize) {
        return elements.list().ofMaxSize(maxSize).map(list -> {
            Set<T> set = new LinkedHashSet<>();
            boolean valid = true;
            for (In<T> element : list) {
                if (set.add(element.value())) {
                    valid &= element.valid();
                }
            }
            return new In<>(set, valid);
        });
    }
}
