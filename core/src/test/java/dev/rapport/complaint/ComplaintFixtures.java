package dev.rapport.complaint;

import dev.rapport.calendar.BusinessCalendar;
import dev.rapport.calendar.TimeWindow;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.spi.Channel;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.messaging.CustomerMessenger;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.spi.messaging.MessageDeliveryException;
import dev.rapport.spi.messaging.OutboundMessage;
import dev.rapport.tck.TestData;
import dev.rapport.spi.RapportStorage;
import dev.rapport.testing.TestStores;
import dev.rapport.test.SettableClock;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.hibernate.validator.HibernateValidator;

/**
 * A complaint service on an empty store (the in-memory one unless {@link TestStores} chooses another) with a clock
 * the test moves, a messenger that records what it sends (and fails when told to) and a publisher that records
 * events.
 */
final class ComplaintFixtures {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class).configure()
            .buildValidatorFactory().getValidator();

    /** UK office hours, Monday to Friday 09:00 to 17:00, with the Easter 2026 bank holidays. */
    static final BusinessCalendar LONDON_OFFICE = BusinessCalendar.builder(LONDON)
            .weekdays(TimeWindow.of("09:00", "17:00"))
            .holiday(LocalDate.of(2026, 4, 3))
            .holiday(LocalDate.of(2026, 4, 6))
            .build();

    /** German office hours with a lunch break, with the Easter 2026 holidays. */
    static final BusinessCalendar BERLIN_OFFICE = BusinessCalendar.builder(BERLIN)
            .weekdays(TimeWindow.of("08:00", "12:00"), TimeWindow.of("13:00", "17:00"))
            .holiday(LocalDate.of(2026, 4, 3))
            .holiday(LocalDate.of(2026, 4, 6))
            .build();

    final SettableClock clock;
    final RapportStorage storage;
    final RecordingMessenger messenger = new RecordingMessenger();
    final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    final ComplaintService service;

    ComplaintFixtures(Instant start) {
        this(start, Function.identity());
    }

    ComplaintFixtures(Instant start, Function<ComplaintPolicy.Builder, ComplaintPolicy.Builder> policy) {
        clock = new SettableClock(start);
        storage = TestStores.fresh(clock);
        service = serviceWith(policy.apply(ComplaintPolicy.builder()
                .regime(ComplaintRegimes.ukStyle(LONDON_OFFICE))
                .regime(ComplaintRegimes.euPaymentServices(BERLIN_OFFICE))).build());
    }

    /** Another service on the same store, clock, messenger and events, with another policy; as a second node. */
    ComplaintService serviceWith(ComplaintPolicy policy) {
        return new ComplaintService(EngineRuntime.direct(storage, clock, VALIDATOR, events::add), messenger, policy,
                new dev.rapport.followup.Templates(new dev.rapport.followup.InMemoryTemplateStore(), clock));
    }

    static Instant london(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(LONDON).toInstant();
    }

    static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    static Instant utc(String localDateTime) {
        return LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.UTC);
    }

    Customer customer() {
        return storage.customers().insert(TestData.customer().build());
    }

    ReceiveComplaint.Builder complaintBy(Customer customer) {
        return ReceiveComplaint.builder().customerId(customer.id()).channel(Channel.EMAIL)
                .description("The parcel arrived crushed.").severity(Severity.MEDIUM).actor("agent:front-desk");
    }

    Complaint receive(Customer customer) {
        return service.receive(complaintBy(customer).build());
    }

    List<AuditEntry> audit(ComplaintId id) {
        return storage.complaints().auditTrail(id);
    }

    <T extends DomainEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    void advance(Duration duration) {
        clock.advance(duration);
    }

    /** Records what it sends; throws the given failure instead while one is set. */
    static final class RecordingMessenger implements CustomerMessenger {
        final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
        volatile RuntimeException failure;

        @Override
        public DeliveryReceipt send(OutboundMessage message) {
            RuntimeException f = failure;
            if (f != null) {
                throw f;
            }
            sent.add(message);
            return DeliveryReceipt.accepted(Instant.EPOCH);
        }

        void failWith(MessageDeliveryException e) {
            failure = e;
        }

        void recover() {
            failure = null;
        }

        List<OutboundMessage> ofKind(String kind) {
            return sent.stream().filter(m -> m.kind().equals(kind)).toList();
        }
    }
}
