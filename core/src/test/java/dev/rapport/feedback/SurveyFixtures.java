package dev.rapport.feedback;

import dev.rapport.Rapport;
import dev.rapport.cases.AssignCase;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.followup.FollowUpDispatcher;
import dev.rapport.followup.MessageValues;
import dev.rapport.followup.ScheduleFollowUp;
import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.spi.messaging.OutboundMessage;
import dev.rapport.test.SettableClock;
import dev.rapport.spi.RapportStorage;
import dev.rapport.testing.StoreSnapshot;
import dev.rapport.testing.TestStores;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Rapport with a survey secret, a customer, an assigned case and a survey sent about it: the token it carried. */
final class SurveyFixtures {

    static final String SECRET = "a survey secret of at least thirty-two bytes, kept out of source";

    final SettableClock clock = SettableClock.at("2025-03-10T10:00:00Z");
    final RapportStorage storage = TestStores.fresh(clock);
    final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
    final Rapport rapport;
    final Customer customer;
    final Agent agent;
    final Case supportCase;
    final FollowUpId survey;
    final String token;

    SurveyFixtures(SurveySettings settings) {
        rapport = Rapport.builder().storage(storage).clock(clock).surveys(settings).messenger(m -> {
            sent.add(m);
            return DeliveryReceipt.accepted(clock.instant());
        }).build();
        customer = rapport.customers().register(RegisterCustomer.builder().name("Ann")
                .identities(List.of(ContactIdentity.primary(Channel.EMAIL, "ann@example.com"))).build());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        agent = storage.agents().insert(Agent.builder().id(AgentId.random()).name("Kenji")
                .presence(Presence.AVAILABLE).capacity(Map.of(Channel.EMAIL, 5)).createdAt(now).updatedAt(now)
                .build());
        Case opened = rapport.cases().open(OpenCase.builder().customerId(customer.id()).subject("Parcel late")
                .originChannel(Channel.EMAIL).build());
        supportCase = rapport.cases().assign(new AssignCase(opened.id(), agent.id()));
        survey = rapport.followUps().schedule(ScheduleFollowUp.builder().customerId(customer.id())
                .kind(FollowUpKind.SURVEY).caseId(supportCase.id()).channel(Channel.EMAIL).dueAt(clock.instant())
                .build()).followUpId().orElseThrow();
        rapport.followUpDispatcher().dispatchDue();
        token = sent.isEmpty() ? null : sent.get(sent.size() - 1).values().get(MessageValues.SURVEY_TOKEN);
    }

    static SurveyFixtures withSecret() {
        return new SurveyFixtures(SurveySettings.withSecret(SECRET));
    }

    StoreSnapshot snapshot() {
        return StoreSnapshot.of(storage);
    }

    FollowUpDispatcher dispatcher() {
        return rapport.followUpDispatcher();
    }
}
