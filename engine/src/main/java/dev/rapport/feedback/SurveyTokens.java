package dev.rapport.feedback;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.followup.FollowUpId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks the opaque token a survey follow-up carries: base64url (no padding) of a version byte, the
 * follow-up id, the expiry in epoch seconds and an HMAC-SHA256 over all of them with the host's secret
 * ({@link SurveySettings}). A token cannot be forged without the secret, names its follow-up, and stops being
 * accepted at its expiry. Checking compares signatures in constant time. Thread-safe: a {@link Mac} is made per call.
 */
public final class SurveyTokens {

    /** The longest text ever taken for a token: {@value}; a real token has 76 characters. */
    public static final int MAX_TOKEN_LENGTH = 200;

    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 32;
    private static final int BODY_BYTES = 1 + 16 + 8;
    private static final byte[] DOMAIN = "rapport-survey-token".getBytes(StandardCharsets.US_ASCII);
    private static final String SUBJECT = "SurveyAnswer";

    private final SurveySettings settings;
    private final SecretKeySpec key;

    /**
     * Tokens signed with the settings' secret.
     *
     * @param settings the survey settings; tokens are issued only when they have a secret
     */
    public SurveyTokens(SurveySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.key = settings.enabled() ? new SecretKeySpec(settings.secret(), "HmacSHA256") : null;
    }

    /**
     * The settings these tokens follow.
     *
     * @return the settings
     */
    public SurveySettings settings() {
        return settings;
    }

    /**
     * The token of a survey follow-up, good until {@code now} plus the token lifetime (to the second).
     *
     * @param followUpId the survey follow-up
     * @param now when its message is sent
     * @return the token, 76 characters of base64url
     * @throws IllegalStateException if no secret is configured
     */
    public String issue(FollowUpId followUpId, Instant now) {
        Objects.requireNonNull(followUpId, "followUpId");
        if (key == null) {
            throw new IllegalStateException("no survey secret is configured");
        }
        long expiry = now.plus(settings.tokenLifetime()).getEpochSecond();
        ByteBuffer body = ByteBuffer.allocate(BODY_BYTES + MAC_BYTES);
        body.put(VERSION).putLong(followUpId.value().getMostSignificantBits())
                .putLong(followUpId.value().getLeastSignificantBits()).putLong(expiry);
        byte[] bytes = body.array();
        System.arraycopy(mac(bytes), 0, bytes, BODY_BYTES, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The survey follow-up a token names, once its signature and expiry are checked.
     *
     * @param token the token as the customer sent it back
     * @param now the moment of the answer
     * @return the follow-up it names
     * @throws ValidationException on field {@code token}: rule {@code NotBlank} if missing, {@code Format} if it is
     *         not a token, {@code Signature} if no secret is configured or the signature does not match (forged or
     *         altered), {@code Expired} if its expiry is at or before {@code now}
     */
    public FollowUpId verify(String token, Instant now) {
        if (token == null || token.isBlank()) {
            throw refused("NotBlank", "must be given");
        }
        byte[] bytes;
        try {
            bytes = token.length() > MAX_TOKEN_LENGTH ? null : Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            bytes = null;
        }
        if (bytes == null || bytes.length != BODY_BYTES + MAC_BYTES || bytes[0] != VERSION) {
            throw refused("Format", "is not a survey token");
        }
        if (key == null) {
            throw refused("Signature", "cannot be checked: surveys are not configured");
        }
        byte[] given = java.util.Arrays.copyOfRange(bytes, BODY_BYTES, BODY_BYTES + MAC_BYTES);
        byte[] expected = mac(bytes);
        if (!MessageDigest.isEqual(given, expected)) {
            throw refused("Signature", "is not signed by this Rapport");
        }
        ByteBuffer body = ByteBuffer.wrap(bytes, 1, BODY_BYTES - 1);
        UUID id = new UUID(body.getLong(), body.getLong());
        long expiry = body.getLong();
        if (now.getEpochSecond() >= expiry) {
            throw refused("Expired", "has expired");
        }
        return new FollowUpId(id);
    }

    private byte[] mac(byte[] tokenBytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(DOMAIN);
            mac.update(tokenBytes, 0, BODY_BYTES);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static ValidationException refused(String rule, String message) {
        return ValidationException.of(SUBJECT, "token", rule, message);
    }
}
