package dev.rapport.feedback;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How surveys come back: the host's secret that signs each survey follow-up's token, how long a token is good for,
 * the link prefix a token is appended to for the message template, and what becomes of a second answer. Given to
 * {@code Rapport.Builder#surveys(SurveySettings)}. Immutable and thread-safe.
 *
 * <p>Without a secret ({@link #none()}, the default) no token is issued and every answer given with a token is
 * refused.
 */
public final class SurveySettings {

    /** How long a survey token is good for, counted from when its message is sent, unless set: 14 days. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofDays(14);
    /** The fewest bytes a secret may have: {@value} (HMAC-SHA256 wants at least 256 bits of key). */
    public static final int MIN_SECRET_BYTES = 32;
    /** The longest link prefix accepted: {@value} characters. */
    public static final int MAX_LINK_PREFIX = 500;

    private static final SurveySettings NONE = new SurveySettings(null, DEFAULT_TOKEN_LIFETIME, null,
            SecondAnswer.REFUSE);

    private final byte[] secret;
    private final Duration tokenLifetime;
    private final String linkPrefix;
    private final SecondAnswer secondAnswer;

    private SurveySettings(byte[] secret, Duration tokenLifetime, String linkPrefix, SecondAnswer secondAnswer) {
        this.secret = secret;
        this.tokenLifetime = tokenLifetime;
        this.linkPrefix = linkPrefix;
        this.secondAnswer = secondAnswer;
    }

    /**
     * No secret: no survey token is issued, and answers given with a token are refused. The default of
     * {@code Rapport.Builder}.
     *
     * @return the settings without a secret
     */
    public static SurveySettings none() {
        return NONE;
    }

    /**
     * A builder with the defaults: token lifetime {@link #DEFAULT_TOKEN_LIFETIME}, no link prefix, second answers
     * {@link SecondAnswer#REFUSE refused}; the secret has no default and must be set.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Settings with the given secret and every other default.
     *
     * @param secret the signing secret, at least {@value #MIN_SECRET_BYTES} bytes of UTF-8; keep it out of source
     * @return the settings
     * @throws ValidationException naming {@code secret} if it is null or too short
     */
    public static SurveySettings withSecret(String secret) {
        return builder().secret(secret).build();
    }

    /**
     * Whether a secret is set, so that tokens are issued and answers accepted.
     *
     * @return true when surveys come back
     */
    public boolean enabled() {
        return secret != null;
    }

    /**
     * How long a token is good for, from when its message is sent.
     *
     * @return the lifetime
     */
    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    /**
     * The prefix a token is appended to for the message value {@code surveyLink}, for example
     * {@code "https://shop.example/survey?t="}.
     *
     * @return the prefix, if set
     */
    public Optional<String> linkPrefix() {
        return Optional.ofNullable(linkPrefix);
    }

    /**
     * What becomes of a second answer with the same token.
     *
     * @return the policy
     */
    public SecondAnswer secondAnswer() {
        return secondAnswer;
    }

    /** A copy of the secret, for the token signer; empty when none is set. */
    byte[] secret() {
        return secret == null ? new byte[0] : secret.clone();
    }

    @Override
    public String toString() {
        return "SurveySettings[enabled=" + enabled() + ", tokenLifetime=" + tokenLifetime + ", linkPrefix="
                + linkPrefix + ", secondAnswer=" + secondAnswer + "]"; // never the secret
    }

    /** Builds {@link SurveySettings}; not thread-safe. */
    public static final class Builder {
        private byte[] secret;
        private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
        private String linkPrefix;
        private SecondAnswer secondAnswer = SecondAnswer.REFUSE;

        private Builder() {
        }

        /**
         * Sets the signing secret as UTF-8 text; no default (required).
         *
         * @param value at least {@value SurveySettings#MIN_SECRET_BYTES} bytes of UTF-8
         * @return this builder
         */
        public Builder secret(String value) {
            secret = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /**
         * Sets the signing secret as bytes; no default (required).
         *
         * @param value at least {@value SurveySettings#MIN_SECRET_BYTES} bytes; copied
         * @return this builder
         */
        public Builder secret(byte[] value) {
            secret = value == null ? null : value.clone();
            return this;
        }

        /**
         * Sets how long a token is good for, from when its message is sent; default
         * {@link SurveySettings#DEFAULT_TOKEN_LIFETIME} (14 days).
         *
         * @param value positive, at most 3,650 days
         * @return this builder
         */
        public Builder tokenLifetime(Duration value) {
            tokenLifetime = value;
            return this;
        }

        /**
         * Sets the prefix the token is appended to for the message value {@code surveyLink}; default none (only
         * {@code surveyToken} is given to the template).
         *
         * @param value a URL prefix such as {@code "https://shop.example/survey?t="}; not blank
         * @return this builder
         */
        public Builder linkPrefix(String value) {
            linkPrefix = value;
            return this;
        }

        /**
         * Sets what becomes of a second answer with the same token; default {@link SecondAnswer#REFUSE}.
         *
         * @param value the policy
         * @return this builder
         */
        public Builder secondAnswer(SecondAnswer value) {
            secondAnswer = value;
            return this;
        }

        /**
         * The settings.
         *
         * @return the settings
         * @throws ValidationException naming each property at fault
         */
        public SurveySettings build() {
            List<Violation> bad = new ArrayList<>();
            if (secret == null) {
                bad.add(new Violation("secret", "NotNull", "must be given"));
            } else if (secret.length < MIN_SECRET_BYTES) {
                bad.add(new Violation("secret", "Size", "must have at least " + MIN_SECRET_BYTES + " bytes"));
            }
            if (tokenLifetime == null) {
                bad.add(new Violation("tokenLifetime", "NotNull", "must not be null"));
            } else if (tokenLifetime.isNegative() || tokenLifetime.isZero()
                    || tokenLifetime.compareTo(Duration.ofDays(3_650)) > 0) {
                bad.add(new Violation("tokenLifetime", "Range", "must be positive and at most 3650 days"));
            }
            if (linkPrefix != null && (linkPrefix.isBlank() || linkPrefix.length() > MAX_LINK_PREFIX)) {
                bad.add(new Violation("linkPrefix", "Size", "must not be blank and at most " + MAX_LINK_PREFIX
                        + " characters"));
            }
            if (secondAnswer == null) {
                bad.add(new Violation("secondAnswer", "NotNull", "must not be null"));
            }
            if (!bad.isEmpty()) {
                throw new ValidationException("SurveySettings", bad);
            }
            return new SurveySettings(Arrays.copyOf(secret, secret.length), tokenLifetime, linkPrefix, secondAnswer);
        }
    }
}
