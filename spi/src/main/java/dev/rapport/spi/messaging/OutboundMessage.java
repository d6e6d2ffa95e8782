package dev.rapport.spi.messaging;

import dev.rapport.spi.Channel;
import dev.rapport.spi.customer.CustomerId;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A message Rapport asks the host to send to a customer. Rendering the text is the host's; the message carries
 * what is needed to render it.
 *
 * @param idempotencyKey stable across retries of the same send (for follow-ups: the follow-up id and attempt);
 *        the messenger drops a message whose key it has already sent
 * @param customerId the recipient
 * @param kind what the message is for, for example {@code "survey"} or {@code "complaint_acknowledgement"}
 * @param channel where to send it
 * @param address the recipient's address on the channel
 * @param locale the language to write in
 * @param values personalisation values by name, for example {@code customerName}, {@code agentName},
 *        {@code caseSubject}
 */
public record OutboundMessage(
        String idempotencyKey,
        CustomerId customerId,
        String kind,
        Channel channel,
        String address,
        Locale locale,
        Map<String, String> values) {

    /**
     * Checks every part is present and copies the values.
     *
     * @param idempotencyKey stable across retries of the same send (for follow-ups: the follow-up id and attempt); the
     *        messenger drops a message whose key it has already sent
     * @param customerId the recipient
     * @param kind what the message is for, for example {@code "survey"} or {@code "complaint_acknowledgement"}
     * @param channel where to send it
     * @param address the recipient's address on the channel
     * @param locale the language to write in
     * @param values personalisation values by name, for example {@code customerName}, {@code agentName},
     *        {@code caseSubject}
     */
    public OutboundMessage {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(locale, "locale");
        values = Map.copyOf(values);
    }

    /** Hides the address and the values, which hold personal data, so the message can be logged. */
    @Override
    public String toString() {
        return "OutboundMessage[idempotencyKey=" + idempotencyKey + ", customerId=" + customerId + ", kind=" + kind
                + ", channel=" + channel + ", locale=" + locale + ", values=" + values.keySet() + "]";
    }
}
