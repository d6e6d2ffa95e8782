package dev.rapport.automation;

import static dev.rapport.automation.AgeTest.CALENDARS;
import static dev.rapport.automation.AgeTest.berlin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.Rapport;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.followup.MessageValues;
import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.spi.messaging.OutboundMessage;
import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.test.SettableClock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An automation's message from the template store")
class AutomationTemplatesTest {

    final SettableClock clock = new SettableClock(berlin("2025-03-03T09:00"));
    final InMemoryStorage storage = new InMemoryStorage(clock);
    final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();

    @Test
    @DisplayName("is written from the stored template in the customer's locale when the rule names one")
    void rendersTheStoredTemplate() {
        // given a rule whose message names the stored template, and a German template beside the default
        AutomationRule nudge = AutomationRule.builder("nudge new cases")
                .statuses(dev.rapport.spi.cases.CaseStatus.NEW)
                .when(new Condition.OpenFor(Age.calendar(Duration.ofHours(1))))
                .then(new Action.SendMessage(FollowUpKind.of("nudge"), "We are on {caseSubject}.",
                        Map.of(MessageValues.TEMPLATE, "nudge")))
                .build();
        Rapport rapport = Rapport.builder().storage(storage).clock(clock).calendars(CALENDARS)
                .messenger(message -> {
                    sent.add(message);
                    return DeliveryReceipt.accepted(clock.instant());
                })
                .automations(nudge).build();
        rapport.templates().put("nudge", Locale.ROOT, "We are working on {caseSubject}.");
        rapport.templates().put("nudge", Locale.GERMAN, "Wir arbeiten an {caseSubject}.");
        var customer = rapport.customers().register(RegisterCustomer.builder().name("Ada")
                .locale(Locale.forLanguageTag("de-AT"))
                .identity(ContactIdentity.primary(Channel.EMAIL, "ada@example.com"))
                .consent(Channel.EMAIL, ConsentStatus.OPTED_IN).build());
        Case supportCase = rapport.cases().open(OpenCase.builder().customerId(customer.id())
                .subject("Paket fehlt").originChannel(Channel.EMAIL).build());

        // when the rule fires an hour later and the dispatcher sends
        clock.set(berlin("2025-03-03T10:30"));
        int fired = rapport.automations().runRound();
        rapport.followUpDispatcher().dispatchDue();

        // then the message is the German stored template, not the rule's own text
        assertThat(fired).isEqualTo(1);
        assertThat(sent).singleElement().satisfies(message -> {
            assertThat(message.values()).containsEntry(MessageValues.TEXT, "Wir arbeiten an Paket fehlt.");
            assertThat(message.values()).containsEntry("caseId", supportCase.id().toString());
        });
    }
}
