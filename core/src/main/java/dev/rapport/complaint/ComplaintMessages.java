package dev.rapport.complaint;

import dev.rapport.spi.Channel;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.messaging.OutboundMessage;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the messages the complaint process sends: which channel and address, and the personalisation values.
 * Stateless.
 */
final class ComplaintMessages {

    /** The kind of the acknowledgement sent on receipt of a complaint. */
    static final String ACKNOWLEDGEMENT = "complaint_acknowledgement";
    /** The kind of the thanks sent on receipt of a compliment. */
    static final String COMPLIMENT_THANKS = "compliment_acknowledgement";
    /** The kind of a holding response. */
    static final String HOLDING_RESPONSE = "complaint_holding_response";
    /** The kind of the response with the decision. */
    static final String RESPONSE = "complaint_response";

    /** The value holding the letter's text rendered from its template, when one is stored for its kind. */
    static final String TEXT = "text";

    private ComplaintMessages() {
    }

    /** The idempotency key of a message: the same for every retry of the same message. */
    static String key(String kind, Complaint complaint, String occasion) {
        return kind + ":" + complaint.id() + (occasion.isEmpty() ? "" : ":" + occasion);
    }

    /**
     * The channel and address to write to: the complaint's own channel if the customer has an address there and may
     * be contacted on it, else the preferred channel, else any channel they may be contacted on, primary addresses
     * first; empty if there is none.
     */
    static Optional<ContactIdentity> addressFor(Customer customer, Channel complaintChannel) {
        Optional<ContactIdentity> own = usable(customer, complaintChannel);
        if (own.isPresent()) {
            return own;
        }
        Optional<ContactIdentity> preferred = customer.preferredChannel().flatMap(c -> usable(customer, c));
        if (preferred.isPresent()) {
            return preferred;
        }
        return customer.identities().stream()
                .filter(i -> customer.mayContactOn(i.channel()))
                .min(Comparator.comparing((ContactIdentity i) -> !i.primary()));
    }

    private static Optional<ContactIdentity> usable(Customer customer, Channel channel) {
        return customer.mayContactOn(channel) ? customer.addressOn(channel) : Optional.empty();
    }

    /**
     * The values every complaint message carries: {@code customerName}, {@code complaintReference},
     * {@code receivedAt}, and for each deadline {@code deadline.<code>} (its due time, extended if it was, as an
     * ISO-8601 date-time in the customer's zone) and {@code deadline.<code>.date} (the last local date it includes:
     * a deadline at midnight ending 27 April shows 27 April).
     */
    static Map<String, String> values(Customer customer, Complaint complaint) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("customerName", customer.name());
        values.put("complaintReference", complaint.reference().value());
        values.put("receivedAt", local(complaint.receivedAt(), customer));
        for (ComplaintDeadline deadline : complaint.deadlines()) {
            Instant due = deadline.effectiveDueAt();
            values.put("deadline." + deadline.code(), local(due, customer));
            values.put("deadline." + deadline.code() + ".date",
                    due.minusNanos(1).atZone(customer.timeZone()).toLocalDate().toString());
        }
        return values;
    }

    private static String local(Instant instant, Customer customer) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(customer.timeZone()));
    }

    /** A message to the customer at the address. */
    static OutboundMessage message(String key, String kind, Customer customer, ContactIdentity address,
            Map<String, String> values) {
        return new OutboundMessage(key, customer.id(), kind, address.channel(), address.value(), customer.locale(),
                values);
    }
}
