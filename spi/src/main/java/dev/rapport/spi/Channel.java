package dev.rapport.spi;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A way customers reach the business, or the business reaches them. The common channels are constants; a host
 * adds its own with {@link #of(String)} (for example {@code Channel.of("line")} or {@code Channel.of("teams")}).
 * Two channels are equal when their codes are.
 *
 * @param code lower-case letters, digits and underscores, starting with a letter, at most 32 characters
 */
public record Channel(String code) {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    /** Email. */
    public static final Channel EMAIL = new Channel("email");
    /** A voice call. */
    public static final Channel PHONE = new Channel("phone");
    /** Live chat on the web site or in the app. */
    public static final Channel CHAT = new Channel("chat");
    /** Text messages. */
    public static final Channel SMS = new Channel("sms");
    /** WhatsApp. */
    public static final Channel WHATSAPP = new Channel("whatsapp");
    /** Facebook and Messenger. */
    public static final Channel FACEBOOK = new Channel("facebook");
    /** X, formerly Twitter. */
    public static final Channel X = new Channel("x");
    /** A contact form on the web site. */
    public static final Channel WEB_FORM = new Channel("web_form");
    /** Self-service pages: help centre, account pages, FAQs. */
    public static final Channel SELF_SERVICE = new Channel("self_service");
    /** An automated chatbot. */
    public static final Channel CHATBOT = new Channel("chatbot");
    /** Interactive voice response on the phone line. */
    public static final Channel IVR = new Channel("ivr");
    /** Face to face, in a shop or at the counter. */
    public static final Channel IN_PERSON = new Channel("in_person");

    /** The channels Rapport knows out of the box. */
    public static final List<Channel> BUILT_IN = List.of(
            EMAIL, PHONE, CHAT, SMS, WHATSAPP, FACEBOOK, X, WEB_FORM, SELF_SERVICE, CHATBOT, IVR, IN_PERSON);

    /**
     * Checks the code's form.
     *
     * @param code lower-case letters, digits and underscores, starting with a letter, at most 32 characters
     */
    public Channel {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw ValidationException.of("Channel", "channel", "Pattern",
                    "must be lower-case letters, digits and underscores, starting with a letter, at most 32 characters");
        }
    }

    /**
     * The channel with this code; built-in or host-defined. Upper-case input is lower-cased and surrounding white
     * space dropped; control characters are rejected, never stripped.
     *
     * @param code a built-in or host-defined code: letters, digits and underscores, starting with a letter, at most 32
     *        characters once stripped and lower-cased
     * @return the channel with the normalised code; equal to the built-in constant of that code, if there is one
     */
    public static Channel of(String code) {
        Objects.requireNonNull(code, "code");
        return new Channel(code.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Whether addresses on this channel are telephone numbers (phone, SMS, WhatsApp).
     *
     * @return true for {@link #PHONE}, {@link #SMS} and {@link #WHATSAPP}, false for every other channel
     */
    public boolean isPhoneNumberBased() {
        return equals(PHONE) || equals(SMS) || equals(WHATSAPP);
    }

    /**
     * Whether contacts on this channel are handled by a machine rather than a person (chatbot, IVR, self-service).
     *
     * @return true for {@link #CHATBOT}, {@link #IVR} and {@link #SELF_SERVICE}, false for every other channel
     */
    public boolean isAutomated() {
        return equals(CHATBOT) || equals(IVR) || equals(SELF_SERVICE);
    }

    @Override
    public String toString() {
        return code;
    }
}
