package dev.rapport.examples;

import dev.rapport.followup.MessageTemplate;
import dev.rapport.followup.MissingTemplateValueException;
import dev.rapport.spi.messaging.CustomerMessenger;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.spi.messaging.MessageDeliveryException;
import dev.rapport.spi.messaging.OutboundMessage;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link CustomerMessenger} for the examples: renders each message with {@link MessageTemplate} and prints it as one
 * line, {@code "  >> <channel> <kind>: <text>"}, instead of handing it to an email, WhatsApp or social-media gateway.
 *
 * <p>It prints only what a reader needs to follow the story: the channel, the kind and the rendered text. The
 * recipient's address and id are never printed, and templates should use no more personal values than the message
 * needs. Templates are looked up by kind and the message's language ({@code "survey"} in {@code de}), falling back to
 * the kind's English text. Like a real gateway it sends each idempotency key once and answers a repeat with a
 * receipt marked duplicate. A kind without a template, or a template naming a value the message lacks, is refused as
 * not retryable, so a missing text shows up as a failed follow-up instead of a blank message.
 *
 * <p>Thread-safe: sends are serialised, so lines from several threads never interleave.
 */
final class ConsoleMessenger implements CustomerMessenger {

    private final PrintStream out;
    private final Clock clock;
    private final Map<String, MessageTemplate> templates = new HashMap<>();
    private final Set<String> sentKeys = new HashSet<>();
    private final Map<String, Integer> sentByKind = new TreeMap<>();
    private int duplicates;

    /**
     * A messenger without templates yet.
     *
     * @param out where the lines go
     * @param clock stamps the receipts
     */
    ConsoleMessenger(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /**
     * Adds the text for a kind of message in a language; English is the fallback for every other language.
     *
     * @throws dev.rapport.spi.ValidationException if the template is malformed
     */
    synchronized ConsoleMessenger template(String kind, Locale language, String text) {
        templates.put(key(kind, language.getLanguage()), MessageTemplate.parse(text));
        return this;
    }

    @Override
    public synchronized DeliveryReceipt send(OutboundMessage message) {
        if (sentKeys.contains(message.idempotencyKey())) {
            duplicates++;
            return new DeliveryReceipt(Optional.empty(), clock.instant(), true);
        }
        MessageTemplate template = templates.getOrDefault(key(message.kind(), message.locale().getLanguage()),
                templates.get(key(message.kind(), Locale.ENGLISH.getLanguage())));
        if (template == null) {
            throw new MessageDeliveryException("no template for messages of kind " + message.kind(), false, null);
        }
        String text;
        try {
            text = template.render(message);
        } catch (MissingTemplateValueException e) {
            throw new MessageDeliveryException("the " + message.kind() + " template needs a value the message lacks",
                    false, e);
        }
        out.println("  >> " + message.channel() + " " + message.kind() + ": " + text);
        sentKeys.add(message.idempotencyKey());
        sentByKind.merge(message.kind(), 1, Integer::sum);
        return DeliveryReceipt.accepted(clock.instant());
    }

    /** How many messages went out, by kind, in kind order. */
    synchronized Map<String, Integer> sentByKind() {
        return Collections.unmodifiableMap(new TreeMap<>(sentByKind));
    }

    /** How many messages went out in all. */
    synchronized int sent() {
        return sentKeys.size();
    }

    /** How many sends repeated a key already sent, and so sent nothing. */
    synchronized int duplicates() {
        return duplicates;
    }

    private static String key(String kind, String language) {
        return kind + ":" + language;
    }
}
