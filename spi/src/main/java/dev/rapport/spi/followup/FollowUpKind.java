package dev.rapport.spi.followup;

import dev.rapport.spi.ValidationException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a follow-up is for. The common kinds are constants; a host adds its own with {@link #of(String)}.
 *
 * @param code lower-case letters, digits and underscores, starting with a letter, at most 64 characters
 */
public record FollowUpKind(String code) {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** A thank-you some time after a purchase. */
    public static final FollowUpKind THANK_YOU = new FollowUpKind("thank_you");
    /** A satisfaction survey after a case is resolved. */
    public static final FollowUpKind SURVEY = new FollowUpKind("survey");
    /** A call back after a missed call. */
    public static final FollowUpKind CALL_BACK = new FollowUpKind("call_back");
    /** A check-in some time after a case or complaint closed. */
    public static final FollowUpKind CHECK_IN = new FollowUpKind("check_in");
    /** A reminder before a subscription or contract renews. */
    public static final FollowUpKind RENEWAL_REMINDER = new FollowUpKind("renewal_reminder");
    /** A birthday greeting. */
    public static final FollowUpKind BIRTHDAY = new FollowUpKind("birthday");
    /** A small surprise: a voucher, a credit, flowers. */
    public static final FollowUpKind WOW = new FollowUpKind("wow");

    /** The acknowledgement of a new case, telling the customer when to expect an answer. */
    public static final FollowUpKind ACKNOWLEDGEMENT = new FollowUpKind("acknowledgement");
    /** A check-in call some days after a purchase. */
    public static final FollowUpKind CHECK_IN_CALL = new FollowUpKind("check_in_call");

    /** The kinds Rapport knows out of the box. */
    public static final List<FollowUpKind> BUILT_IN =
            List.of(THANK_YOU, SURVEY, CALL_BACK, CHECK_IN, RENEWAL_REMINDER, BIRTHDAY, WOW, ACKNOWLEDGEMENT,
                    CHECK_IN_CALL);

    /**
     * Checks the code's form.
     *
     * @param code lower-case letters, digits and underscores, starting with a letter, at most 64 characters
     */
    public FollowUpKind {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw ValidationException.of("FollowUpKind", "kind", "Pattern",
                    "must be lower-case letters, digits and underscores, starting with a letter, at most 64 characters");
        }
    }

    /**
     * The kind with this code; upper-case input is lower-cased.
     *
     * @param code lower-case letters, digits and underscores, starting with a letter, at most 64 characters;
     *        surrounding blanks are stripped and upper-case letters lower-cased
     * @return the kind with the normalised code; equal to the built-in constant of that code, if there is one
     */
    public static FollowUpKind of(String code) {
        Objects.requireNonNull(code, "code");
        return new FollowUpKind(code.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return code;
    }
}
