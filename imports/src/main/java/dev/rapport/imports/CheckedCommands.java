package dev.rapport.imports;

import dev.rapport.cases.OpenCase;
import dev.rapport.customer.DistinctIdentities;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.feedback.RecordFeedback;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.customer.ConsistentIdentities;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.ValidContactIdentity;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainTextValidator;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Jakarta rules of the commands an import builds for every row, written out in plain Java, so that the bulk
 * path and the row parser need not ask Hibernate Validator about a value that plainly passes them. Each method
 * answers true only when the host's validator (with the constraints the commands carry) would find nothing wrong;
 * it may answer false for a valid value (a category code with letters outside ASCII, say), and the caller then asks
 * the validator, which reports exactly what it always reported. {@code CheckedCommandsTest} pins each command's
 * components and constraints, and checks every rule against the validator with hostile values.
 *
 * <p>The rules, as the commands declare them: {@code @NotBlank} (some character above U+0020), {@code @PlainText}
 * ({@link PlainTextValidator#isPlainText}), {@code @Size(max)} (the length in UTF-16 units), {@code @Code} (read
 * here as ASCII letters, digits, '_', '.' and '-', starting with a letter or digit, 1 to 64 characters: a subset of
 * the pattern's letters and digits), {@code @SupportedInstant(wholeMicros = false)} ({@link Limits#inRange}); an
 * empty {@code Optional} passes every rule on its element. The class-level rules of addresses and customers
 * ({@code ValidContactIdentity}, {@code DistinctIdentities}, {@code ConsistentIdentities}) are asked of those
 * constraints' own validators, which need their context only to report a failure. Stateless.
 */
final class CheckedCommands {

    private static final int CODE_MAX = 64;

    private CheckedCommands() {
    }

    /**
     * Whether a value the row parser checks against a command's component plainly passes that component's rules.
     *
     * @param command the command type
     * @param property the component
     * @param value the value as the parser would hand it to {@code validateValue}
     * @return true if the validator would report nothing; false if it may report something, or the component is not
     *         one the parser checks
     */
    static boolean passesProperty(Class<?> command, String property, Object value) {
        if (command == RegisterCustomer.class && property.equals("name")) {
            return value instanceof String name && oneLine(name, Limits.NAME);
        }
        if (command == OpenCase.class) {
            return switch (property) {
                case "subject" -> value instanceof String subject && oneLine(subject, Limits.SUBJECT);
                case "category" -> value instanceof Optional<?> category && optionalCode(category);
                default -> false;
            };
        }
        if (command == RecordInteraction.class) {
            return switch (property) {
                case "summary" -> value instanceof Optional<?> summary && optionalText(summary);
                case "externalId" -> value instanceof Optional<?> externalId && optionalKey(externalId);
                default -> false;
            };
        }
        if (command == RecordFeedback.class && property.equals("comment")) {
            return value instanceof Optional<?> comment && optionalText(comment);
        }
        return false;
    }

    /**
     * Whether a command plainly passes every constraint it carries, its class-level one included.
     *
     * @param command any value
     * @return true for a {@code RegisterCustomer}, {@code Customer}, {@code OpenCase}, {@code RecordInteraction} or
     *         {@code RecordFeedback} the validator would find nothing wrong with; false otherwise (then ask the
     *         validator)
     */
    static boolean passes(Object command) {
        if (command instanceof RegisterCustomer registration) {
            return passes(registration);
        }
        if (command instanceof Customer customer) {
            return passes(customer);
        }
        if (command instanceof OpenCase open) {
            return passes(open);
        }
        if (command instanceof RecordInteraction interaction) {
            return passes(interaction);
        }
        if (command instanceof RecordFeedback feedback) {
            return passes(feedback);
        }
        return false;
    }

    /**
     * Whether a contact identity plainly passes its constraints: a channel that is not null, a value that is not
     * blank, plain text and at most {@link Limits#ADDRESS} long, and {@code ValidContactIdentity}, asked of that
     * constraint's own validator (which touches its context only to report a failure: any failure here means "ask
     * the validator").
     *
     * @param identity the identity
     * @return true if the validator would report nothing
     */
    static boolean passes(ContactIdentity identity) {
        if (identity == null || identity.channel() == null || identity.value() == null
                || !oneLine(identity.value(), Limits.ADDRESS)) {
            return false;
        }
        try {
            return new ValidContactIdentity.Validator().isValid(identity, null);
        } catch (RuntimeException e) {
            return false; // it tried to report a violation
        }
    }

    /** Each identity present and valid, at most {@link Limits#IDENTITIES} of them. */
    private static boolean identities(List<ContactIdentity> identities) {
        if (identities == null || identities.size() > Limits.IDENTITIES) {
            return false;
        }
        for (ContactIdentity identity : identities) {
            if (!passes(identity)) {
                return false;
            }
        }
        return true;
    }

    private static boolean passes(RegisterCustomer r) {
        if (r.name() == null || !oneLine(r.name(), Limits.NAME) || !identities(r.identities())
                || r.preferredChannel() == null || r.locale() == null || !Limits.isSupported(r.locale())
                || r.timeZone() == null || r.birthday() == null || !r.birthday().isEmpty() || r.segment() == null
                || !optionalCode(r.segment()) || r.consents() == null || !r.consents().isEmpty() || r.status() == null
                || r.acquisitionCost() == null || !r.acquisitionCost().isEmpty() || r.attributes() == null
                || !r.attributes().isEmpty() || !Actor.system().equals(r.actor())) {
            return false;
        }
        try { // @DistinctIdentities' own validator, which never touches its context
            return new DistinctIdentities.Validator().isValid(r.identities(), null);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean passes(Customer c) {
        if (c.id() == null || c.name() == null || !oneLine(c.name(), Limits.NAME) || !identities(c.identities())
                || c.preferredChannel() == null || c.locale() == null || !Limits.isSupported(c.locale())
                || c.timeZone() == null || c.birthday() == null || c.segment() == null || !optionalCode(c.segment())
                || c.consents() == null || !c.consents().isEmpty() || c.status() == null
                || c.acquisitionCost() == null || !c.acquisitionCost().isEmpty() || c.attributes() == null
                || !c.attributes().isEmpty() || c.ownAgent() == null || c.createdAt() == null
                || !Limits.isSupported(c.createdAt()) || c.updatedAt() == null || !Limits.isSupported(c.updatedAt())
                || c.version() < 0 || c.tags() == null || !c.tags().isEmpty() || c.fields() == null
                || !c.fields().isEmpty() || c.churnReason() == null || !optionalCode(c.churnReason())) {
            return false;
        }
        try { // @ConsistentIdentities' own validator, which touches its context only to report a failure
            return new ConsistentIdentities.Validator().isValid(c, null);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean passes(OpenCase c) {
        return c.customerId() != null && c.subject() != null && oneLine(c.subject(), Limits.SUBJECT)
                && c.category() != null && optionalCode(c.category()) && c.type() != null && optionalCode(c.type())
                && c.priority() != null && c.originChannel() != null && c.language() != null
                && c.language().isEmpty() && c.requiredSkills() != null && c.requiredSkills().isEmpty()
                && c.tags() != null && c.tags().isEmpty() && c.fields() != null && c.fields().isEmpty();
    }

    private static boolean passes(RecordInteraction i) {
        // @CallDetailsFitKind holds when there is no wait time and the call is not abandoned
        return i.customerId() != null && i.channel() != null && i.direction() != null && i.occurredAt() != null
                && optionalInstant(i.occurredAt()) && i.agentId() != null && i.caseId() != null && i.kind() != null
                && i.handledBy() != null && i.visibility() != null && i.handleTime() != null
                && i.handleTime().isEmpty() && i.summary() != null && optionalText(i.summary())
                && i.externalId() != null && optionalKey(i.externalId()) && i.orderRef() != null
                && i.orderRef().isEmpty() && i.amount() != null && i.amount().isEmpty() && i.reason() != null
                && i.reason().isEmpty() && i.waitTime() != null && i.waitTime().isEmpty() && !i.abandoned();
    }

    private static boolean passes(RecordFeedback f) {
        Scale scale = f.scale();
        // @Valid Scale: its direction not null; @ScoreOnScale: min below max, NPS on 0 to 10, the score on the scale
        return f.customerId() != null && f.metric() != null && scale != null && scale.direction() != null
                && scale.min() < scale.max() && (f.metric() != FeedbackMetric.NPS || scale.equals(Scale.NPS_0_TO_10))
                && scale.contains(f.score()) && f.comment() != null && optionalText(f.comment())
                && f.receivedAt() != null && optionalInstant(f.receivedAt()) && f.caseId() != null
                && f.interactionId() != null && f.orderRef() != null && f.orderRef().isEmpty() && f.agentId() != null
                && f.channel() != null;
    }

    /** {@code @NotBlank @PlainText @Size(max)}. */
    static boolean oneLine(String text, int max) {
        return text.length() <= max && notBlank(text) && PlainTextValidator.isPlainText(text, false);
    }

    /** {@code Optional<@PlainText(multiline = true) @Size(max = Limits.TEXT) String>}. */
    private static boolean optionalText(Optional<?> text) {
        return text.isEmpty() || text.get() instanceof String s && s.length() <= Limits.TEXT
                && PlainTextValidator.isPlainText(s, true);
    }

    /** {@code Optional<@Pattern(NOT_BLANK) @PlainText @Size(max = Limits.KEY) String>}. */
    private static boolean optionalKey(Optional<?> key) {
        return key.isEmpty() || key.get() instanceof String s && s.length() <= Limits.KEY && notBlank(s)
                && PlainTextValidator.isPlainText(s, false);
    }

    /** {@code Optional<@Code String>}, read conservatively (ASCII only). */
    private static boolean optionalCode(Optional<?> code) {
        return code.isEmpty() || code.get() instanceof String s && asciiCode(s);
    }

    /** {@code Optional<@SupportedInstant(wholeMicros = false) Instant>}. */
    private static boolean optionalInstant(Optional<?> instant) {
        return instant.isEmpty() || instant.get() instanceof Instant at && Limits.inRange(at);
    }

    /** Some character above U+0020, as {@code @NotBlank} (after trimming) and the commands' NOT_BLANK pattern ask. */
    private static boolean notBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > ' ') {
                return true;
            }
        }
        return false;
    }

    private static boolean asciiCode(String code) {
        int n = code.length();
        if (n < 1 || n > CODE_MAX) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = code.charAt(i);
            boolean letterOrDigit = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!letterOrDigit && (i == 0 || c != '_' && c != '.' && c != '-')) {
                return false;
            }
        }
        return true;
    }
}
