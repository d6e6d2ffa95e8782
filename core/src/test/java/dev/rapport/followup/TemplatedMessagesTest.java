package dev.rapport.followup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.Rapport;
import dev.rapport.complaint.ReceiveComplaint;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.spi.messaging.OutboundMessage;
import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.test.SettableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Follow-ups and complaint letters written from templates")
class TemplatedMessagesTest {

    private final SettableClock clock = SettableClock.at("2026-03-03T09:30:00Z");
    private final InMemoryStorage storage = new InMemoryStorage(clock);
    private final List<OutboundMessage> sent = Collections.synchronizedList(new ArrayList<>());
    private final Rapport rapport = Rapport.builder().storage(storage).clock(clock).sendWindow(SendWindow.anyTime())
            .followUpRules(List.of(FollowUpRule.builder("thanks", FollowUpKind.THANK_YOU, Trigger.purchaseRecorded())
                    .template("thank_you").build()))
            .followUpDispatcher(d -> d.jitter(0).maxAttempts(1))
            .messenger(message -> {
                sent.add(message);
                return DeliveryReceipt.accepted(clock.instant());
            }).build();

    @AfterEach
    void close() {
        rapport.close();
    }

    private Customer customer(Locale locale) {
        return rapport.customers().register(RegisterCustomer.builder().name("Ada")
                .identity(ContactIdentity.primary(Channel.EMAIL, "ada@example.com")).locale(locale).build());
    }

    private void purchase(Customer customer) {
        rapport.interactions().record(RecordInteraction.builder().customerId(customer.id()).channel(Channel.WEB_FORM)
                .kind(InteractionKind.PURCHASE).direction(Direction.INBOUND).build());
    }

    @Test
    @DisplayName("a rule naming a template sends its text in the customer's language, with fallback")
    void ruleTemplateRendered() {
        // given
        rapport.templates().put("thank_you", Locale.ROOT, "Thank you, {customerName}!");
        rapport.templates().put("thank_you", Locale.FRENCH, "Merci, {customerName} !");
        Customer ada = customer(Locale.forLanguageTag("fr-BE"));

        // when
        purchase(ada);
        rapport.followUpDispatcher().dispatchDue();

        // then
        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.values()).containsEntry(MessageValues.TEMPLATE, "thank_you")
                    .containsEntry(MessageValues.TEXT, "Merci, Ada !");
        });
    }

    @Test
    @DisplayName("a template with a value nobody gives fails the follow-up naming the placeholder, and sends nothing")
    void missingValueFails() {
        // given
        rapport.templates().put("thank_you", Locale.ROOT, "Thank you for {orderNumber}");
        Customer ada = customer(Locale.ENGLISH);

        // when
        purchase(ada);
        rapport.followUpDispatcher().dispatchDue();

        // then
        assertThat(sent).isEmpty();
        List<FollowUp> all = storage.followUps().findByCustomer(ada.id(), PageRequest.first()).items();
        assertThat(all).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(FollowUpStatus.FAILED);
            assertThat(f.lastError()).hasValueSatisfying(e -> assertThat(e).contains("{orderNumber}"));
        });
    }

    @Test
    @DisplayName("a template missing everywhere is retried, so the host can still add it")
    void missingTemplateRetried() {
        // given no template stored
        Customer ada = customer(Locale.ENGLISH);

        // when
        purchase(ada);
        rapport.followUpDispatcher().dispatchDue();

        // then with one attempt allowed it is parked, the error naming the template
        assertThat(sent).isEmpty();
        assertThat(storage.followUps().findByCustomer(ada.id(), PageRequest.first()).items()).singleElement()
                .satisfies(f -> assertThat(f.lastError()).hasValueSatisfying(e -> assertThat(e).contains("thank_you")));
    }

    @Test
    @DisplayName("a complaint acknowledgement carries the text of its template in the customer's language")
    void complaintLetterFromTemplate() {
        // given
        rapport.templates().put("complaint_acknowledgement", Locale.GERMAN,
                "Wir haben Ihre Beschwerde {complaintReference} erhalten, {customerName}.");
        Customer ada = customer(Locale.forLanguageTag("de-AT"));

        // when
        var complaint = rapport.complaints().receive(ReceiveComplaint.builder().customerId(ada.id())
                .channel(Channel.EMAIL).description("The parcel arrived crushed.").severity(Severity.MEDIUM)
                .actor("agent:front-desk").build());

        // then
        assertThat(sent).singleElement().satisfies(m -> assertThat(m.values()).containsEntry("text",
                "Wir haben Ihre Beschwerde " + complaint.reference().value() + " erhalten, Ada."));
    }

    @Test
    @DisplayName("a complaint letter without a template carries only its values, as before")
    void complaintLetterWithoutTemplate() {
        // given
        Customer ada = customer(Locale.ENGLISH);

        // when
        rapport.complaints().receive(ReceiveComplaint.builder().customerId(ada.id()).channel(Channel.EMAIL)
                .description("The parcel arrived crushed.").severity(Severity.MEDIUM).actor("agent:front-desk")
                .build());

        // then
        assertThat(sent).singleElement().satisfies(m -> assertThat(m.values()).doesNotContainKey("text"));
        assertThat(Duration.ZERO).isZero();
    }
}
