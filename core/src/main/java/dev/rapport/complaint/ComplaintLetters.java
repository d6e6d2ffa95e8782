package dev.rapport.complaint;

import dev.rapport.followup.MissingTemplateValueException;
import dev.rapport.followup.Templates;
import dev.rapport.spi.complaint.AuditAction;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.Remedy;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.messaging.CustomerMessenger;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.spi.messaging.MessageDeliveryException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The complaint process's letters to the customer: sends each after the change it follows committed, with a stable
 * idempotency key, written from a template when one is stored for its kind, and records its sending or failure in
 * the audit trail. Thread-safe: immutable.
 */
final class ComplaintLetters {

    private static final Logger LOG = LoggerFactory.getLogger(ComplaintLetters.class);

    private final ComplaintWrites writes;
    private final CustomerMessenger messenger;
    private final Templates templates;

    /**
     * Letters sent through the messenger.
     *
     * @param writes the shared runtime and the way changes are applied
     * @param messenger sends the letters
     * @param templates the templates letters are written from; {@code null} for letters carrying only their values
     */
    ComplaintLetters(ComplaintWrites writes, CustomerMessenger messenger, Templates templates) {
        this.writes = Objects.requireNonNull(writes, "writes");
        this.messenger = Objects.requireNonNull(messenger, "messenger");
        this.templates = templates;
    }

    /** The outcome of one send. */
    private record Delivery(AuditAction action, String detail) {
    }

    private Delivery deliver(Complaint complaint, String kind, String occasion, Map<String, String> extra) {
        String key = ComplaintMessages.key(kind, complaint, occasion);
        Customer customer = writes.storage().customers().get(complaint.customerId());
        Optional<ContactIdentity> address = ComplaintMessages.addressFor(customer, complaint.channel());
        if (address.isEmpty()) {
            return new Delivery(AuditAction.MESSAGE_UNDELIVERABLE,
                    kind + " not sent: the customer has no address we may contact");
        }
        Map<String, String> values = ComplaintMessages.values(customer, complaint);
        values.putAll(extra);
        try {
            if (templates != null) {
                templates.renderIfPresent(kind, customer.locale(), values)
                        .ifPresent(text -> values.put(ComplaintMessages.TEXT, text));
            }
            DeliveryReceipt receipt = messenger.send(ComplaintMessages.message(key, kind, customer, address.get(),
                    values));
            return new Delivery(AuditAction.MESSAGE_SENT, kind + " sent on " + address.get().channel() + ", key "
                    + key + receipt.providerMessageId().map(id -> ", provider id " + id).orElse("")
                    + (receipt.duplicate() ? " (sent before)" : ""));
        } catch (MissingTemplateValueException e) {
            LOG.warn("Could not write {} for complaint {}: {}", kind, complaint.id(), e.getMessage());
            return new Delivery(AuditAction.MESSAGE_UNDELIVERABLE, kind + " not sent: " + e.getMessage());
        } catch (MessageDeliveryException e) {
            LOG.warn("Could not send {} for complaint {} (retryable: {})", kind, complaint.id(), e.retryable());
            return new Delivery(e.retryable() ? AuditAction.MESSAGE_FAILED : AuditAction.MESSAGE_UNDELIVERABLE,
                    kind + " not sent: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Could not send {} for complaint {}: {}", kind, complaint.id(), e.getClass().getName());
            return new Delivery(AuditAction.MESSAGE_FAILED, kind + " not sent: " + e.getClass().getSimpleName());
        }
    }

    /** Sends the acknowledgement (or a compliment's thanks) and records it, moving the complaint on when sent. */
    Complaint sendAcknowledgement(Complaint complaint) {
        String kind = complaint.isCompliment() ? ComplaintMessages.COMPLIMENT_THANKS
                : ComplaintMessages.ACKNOWLEDGEMENT;
        Delivery delivery = deliver(complaint, kind, "", Map.of());
        return writes.change(complaint.id(), (current, now) -> {
            ComplaintChange change = new ComplaintChange(current);
            change.audit.add(AuditEntry.of(now, AuditEntry.SYSTEM, delivery.action(), delivery.detail()));
            boolean sent = delivery.action() == AuditAction.MESSAGE_SENT;
            if (current.stage() == ComplaintStage.RECEIVED && (sent || current.isCompliment())) {
                if (sent) {
                    writes.move(change, ComplaintStage.ACKNOWLEDGED, now, AuditEntry.SYSTEM, kind);
                }
                if (current.isCompliment()) {
                    writes.move(change, ComplaintStage.CLOSED, now, AuditEntry.SYSTEM, "compliments need no handling");
                }
            }
            return change;
        });
    }

    /** Sends a message after a committed change and records the outcome in the audit trail. */
    void notifyCustomer(Complaint complaint, String kind, String occasion, Map<String, String> extra,
            String actor) {
        Delivery delivery = deliver(complaint, kind, occasion, extra);
        writes.unitOfWork().run(events -> {
            writes.repo().appendAudit(complaint.id(), AuditEntry.of(writes.now(), actor, delivery.action(),
                    delivery.detail()));
            return null;
        });
    }

    /** The remedies as a letter and the audit trail name them, for example {@code REFUND 25.00 EUR}. */
    static String describe(List<Remedy> remedies) {
        return remedies.stream().map(r -> r.type().name() + r.amount().map(m -> " " + m.amount().toPlainString()
                + " " + m.currency().getCurrencyCode()).orElse("")).collect(Collectors.joining(", "));
    }
}
