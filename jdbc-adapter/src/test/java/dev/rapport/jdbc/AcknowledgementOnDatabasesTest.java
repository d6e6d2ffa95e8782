package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.Rapport;
import dev.rapport.calendar.BusinessCalendar;
import dev.rapport.calendar.BusinessCalendars;
import dev.rapport.calendar.TimeWindow;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.followup.AcknowledgementPolicy;
import dev.rapport.followup.MessageValues;
import dev.rapport.followup.SendWindow;
import dev.rapport.sla.SlaPolicy;
import dev.rapport.sla.SlaRule;
import dev.rapport.sla.SlaTargetSpec;
import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.cases.SlaTarget;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.spi.messaging.OutboundMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Acknowledgements from templates kept in the database")
class AcknowledgementOnDatabasesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-06T17:30:00Z"), ZoneOffset.UTC);
    private static final BusinessCalendar OFFICE = BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
            .weekdays(TimeWindow.of("09:00", "17:00")).build();

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", (Supplier<DataSource>) TestDatabases::h2Memory),
                Arguments.of("PostgreSQL", (Supplier<DataSource>) TestDatabases::postgres));
    }

    private static Rapport node(JdbcStorage storage, List<OutboundMessage> sent) {
        return Rapport.builder().storage(storage).clock(CLOCK).templates(storage.templates())
                .calendars(BusinessCalendars.of("office", OFFICE))
                .slaPolicy(SlaPolicy.builder().rule(SlaRule.builder().target(SlaTarget.FIRST_REPLY,
                        SlaTargetSpec.businessTime(Duration.ofHours(2), "office")).build()).build())
                .acknowledge(AcknowledgementPolicy.builder().build()).sendWindow(SendWindow.anyTime())
                .messenger(message -> {
                    sent.add(message);
                    return DeliveryReceipt.accepted(CLOCK.instant());
                }).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @DisplayName("a case opened on one node is acknowledged once, in German, when two nodes dispatch")
    void acknowledgedOnceAcrossNodes(String name, Supplier<DataSource> dataSource) {
        // given two nodes on one database, and a German out-of-hours template stored through the first
        JdbcStorage storage = JdbcStorage.builder().dataSource(dataSource.get())
                .tablePrefix(TestDatabases.freshPrefix()).build();
        List<OutboundMessage> sent = Collections.synchronizedList(new ArrayList<>());
        try (Rapport first = node(storage, sent); Rapport second = node(storage, sent)) {
            first.templates().put("case_acknowledgement_out_of_hours", Locale.GERMAN,
                    "Danke, {customerName}. Wir antworten bis {promisedAt}.");
            Customer ada = first.customers().register(RegisterCustomer.builder().name("Ada")
                    .identity(ContactIdentity.primary(Channel.EMAIL, "ada@example.com"))
                    .locale(Locale.forLanguageTag("de-AT")).timeZone(ZoneId.of("Europe/Vienna")).build());

            // when a case opens on Friday 18:30 in Vienna, and both nodes dispatch
            first.cases().open(OpenCase.builder().customerId(ada.id()).subject("Lieferung fehlt")
                    .originChannel(Channel.EMAIL).build());
            second.followUpDispatcher().dispatchDue();
            first.followUpDispatcher().dispatchDue();

            // then one acknowledgement was stored with the case and sent once, promising Monday 11:00
            List<FollowUp> stored = storage.followUps().findByCustomer(ada.id(), PageRequest.first()).items();
            assertThat(stored).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(FollowUpKind.ACKNOWLEDGEMENT);
                assertThat(f.status()).isEqualTo(FollowUpStatus.SENT);
            });
            assertThat(sent).singleElement().satisfies(m -> assertThat(m.values().get(MessageValues.TEXT))
                    .isEqualTo("Danke, Ada. Wir antworten bis Montag 11:00."));
        }
    }
}
