package dev.rapport.privacy;

import dev.rapport.spi.Channel;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what Rapport knows identifies one customer wherever it appears in free text: the name and each word of it,
 * every contact address (emails and handles in any case, an email's local part), and telephone numbers in any
 * formatting, with or without the country prefix. Used to minimise the text of records kept under legal hold. It
 * masks only what it knows: free text may hold other personal data (a street address, a relative's name), which is
 * why text not under hold is blanked instead. Immutable and thread-safe.
 */
final class PersonalDataMask {

    /** What replaces each identifier found. */
    static final String MASK = PrivacyService.ERASED_TEXT;

    /** The shortest name word or address part masked on its own; shorter ones match too much ordinary text. */
    private static final int MIN_WORD = 2;
    private static final int MIN_LOCAL_PART = 3;
    /** How many trailing digits of a telephone number identify it whatever the country or trunk prefix. */
    private static final int MIN_PHONE_CORE = 6;
    private static final int MAX_PREFIX_DIGITS = 3;

    /** A run of digits as numbers are written: with spaces, dashes, dots, slashes or brackets between them. */
    private static final Pattern NUMBER_RUN = Pattern.compile("\\+?\\(?\\d(?:[\\d\\s\\-./()\\u00a0]*\\d)?");
    private static final Pattern NON_DIGITS = Pattern.compile("\\D");
    private static final Pattern WORDS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final String BEFORE_WORD = "(?<![\\p{L}\\p{N}])";
    private static final String AFTER_WORD = "(?![\\p{L}\\p{N}])";

    private final Optional<Pattern> literals;
    private final List<String> phoneCores;

    private PersonalDataMask(Optional<Pattern> literals, List<String> phoneCores) {
        this.literals = literals;
        this.phoneCores = List.copyOf(phoneCores);
    }

    /** The identifiers of a customer as stored before erasure; an erased customer yields an empty mask. */
    static PersonalDataMask of(Customer customer) {
        Set<String> anywhere = new LinkedHashSet<>();
        Set<String> wholeWords = new LinkedHashSet<>();
        List<String> phoneCores = new ArrayList<>();
        String name = customer.name() == null ? "" : customer.name().strip();
        if (!name.isEmpty() && !name.equals(PrivacyService.ERASED_NAME)) {
            anywhere.add(name);
            for (String word : WORDS.split(name)) {
                if (word.codePointCount(0, word.length()) >= MIN_WORD) {
                    wholeWords.add(word);
                }
            }
        }
        for (ContactIdentity identity : customer.identities()) {
            if (identity == null || identity.value() == null || identity.value().isBlank()) {
                continue;
            }
            String value = identity.value().strip();
            anywhere.add(value);
            Channel channel = identity.channel();
            if (channel != null && channel.isPhoneNumberBased()) {
                String digits = NON_DIGITS.matcher(value).replaceAll("");
                if (!digits.isEmpty()) {
                    phoneCores.add(core(digits));
                }
            } else if (value.indexOf('@') > 0) {
                String local = value.substring(0, value.indexOf('@'));
                if (local.length() >= MIN_LOCAL_PART) {
                    wholeWords.add(local);
                }
            } else if (value.startsWith("@") && value.length() > MIN_LOCAL_PART) {
                wholeWords.add(value.substring(1));
            }
        }
        return new PersonalDataMask(pattern(anywhere, wholeWords), phoneCores);
    }

    /** Whether the mask knows no identifier, so that it would change nothing. */
    boolean isEmpty() {
        return literals.isEmpty() && phoneCores.isEmpty();
    }

    /** The text with every known identifier replaced by {@link #MASK}. */
    String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = literals.map(p -> p.matcher(text).replaceAll(Matcher.quoteReplacement(MASK))).orElse(text);
        if (phoneCores.isEmpty()) {
            return masked;
        }
        Matcher run = NUMBER_RUN.matcher(masked);
        StringBuilder out = new StringBuilder(masked.length());
        while (run.find()) {
            String digits = NON_DIGITS.matcher(run.group()).replaceAll("");
            boolean phone = phoneCores.stream().anyMatch(digits::contains);
            run.appendReplacement(out, Matcher.quoteReplacement(phone ? MASK : run.group()));
        }
        run.appendTail(out);
        return out.toString();
    }

    /** The trailing digits that identify a number whether written with its country code, a trunk 0 or neither. */
    private static String core(String digits) {
        if (digits.length() <= MIN_PHONE_CORE) {
            return digits;
        }
        int keep = Math.max(MIN_PHONE_CORE, digits.length() - MAX_PREFIX_DIGITS);
        return digits.substring(digits.length() - keep);
    }

    private static Optional<Pattern> pattern(Set<String> anywhere, Set<String> wholeWords) {
        record Term(String text, boolean word) {
        }
        List<Term> terms = new ArrayList<>();
        anywhere.forEach(t -> terms.add(new Term(t, false)));
        wholeWords.stream().filter(w -> !anywhere.contains(w)).forEach(t -> terms.add(new Term(t, true)));
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        // longest first, so a full name or address is masked as one before its parts are looked for
        terms.sort(Comparator.comparingInt((Term t) -> t.text().length()).reversed()
                .thenComparing(t -> t.text().toLowerCase(Locale.ROOT)));
        StringBuilder regex = new StringBuilder();
        for (Term term : terms) {
            if (regex.length() > 0) {
                regex.append('|');
            }
            regex.append(term.word() ? BEFORE_WORD : "").append(Pattern.quote(term.text()))
                    .append(term.word() ? AFTER_WORD : "");
        }
        return Optional.of(Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }
}
