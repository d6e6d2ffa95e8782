package dev.rapport.field;

import java.text.Normalizer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The normal form of tags: Unicode NFC, white space stripped at both ends, lower case (by the root locale, so the
 * server's locale never matters). {@code " VIP "}, {@code "vip"} and {@code "Vip"} are one tag. After normalising, a
 * tag must be a code (letters, digits and {@code _ . -}, starting with a letter or digit, 1 to 64 characters); the
 * commands check that and refuse anything else by field. Stateless and thread-safe.
 */
public final class Tags {

    private Tags() {
    }

    /**
     * The normal form of one tag.
     *
     * @param tag the tag as given; null stays null
     * @return the normalised tag
     */
    public static String normalise(String tag) {
        if (tag == null) {
            return null;
        }
        return Normalizer.normalize(tag, Normalizer.Form.NFC).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The normal forms of tags, in order, repeats once; nulls are kept so that a validator can name them.
     *
     * @param tags the tags as given; null gives an empty set
     * @return an unmodifiable set
     */
    public static Set<String> normalise(Collection<String> tags) {
        Set<String> out = new LinkedHashSet<>();
        if (tags != null) {
            for (String tag : tags) {
                out.add(normalise(tag));
            }
        }
        return java.util.Collections.unmodifiableSet(out);
    }
}
