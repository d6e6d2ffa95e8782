package dev.rapport.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.Rapport;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiReport;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.kpi.KpiResult;
import dev.rapport.spi.Channel;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintKind;
import dev.rapport.spi.complaint.ComplaintOutcome;
import dev.rapport.spi.complaint.ComplaintReference;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.OutcomeDecision;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.Granularity;
import dev.rapport.spi.kpi.DurationSummary;
import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.test.SettableClock;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Complaint KPIs")
class ComplaintKpiTest {

    static final Instant FROM = Instant.parse("2025-03-01T00:00:00Z");
    static final Instant TO = Instant.parse("2025-04-01T00:00:00Z");

    final SettableClock clock = new SettableClock(Instant.parse("2025-03-25T12:00:00Z"));
    final InMemoryStorage storage = new InMemoryStorage(clock);
    final Rapport rapport = Rapport.builder().storage(storage).clock(clock).build();
    final AtomicLong numbers = new AtomicLong();
    final List<Complaint> stored = new ArrayList<>();
    final List<Customer> customers = new ArrayList<>();

    Customer customer(String createdAt, CustomerStatus status) {
        Instant at = Instant.parse(createdAt);
        Customer customer = storage.customers().insert(Customer.builder().id(CustomerId.random()).name("Ada")
                .status(status).createdAt(at).updatedAt(at).build());
        customers.add(customer);
        return customer;
    }

    /** A complaint received at {@code received}, answered at {@code decided} (if any) with a decision. */
    Complaint complaint(ComplaintKind kind, Channel channel, String received, String decided, OutcomeDecision decision,
            Duration deadlineAfter) {
        Instant receivedAt = Instant.parse(received);
        Optional<Instant> decidedAt = Optional.ofNullable(decided).map(Instant::parse);
        ComplaintDeadline deadline = ComplaintDeadline.due("final_response", receivedAt.plus(deadlineAfter));
        if (decidedAt.isPresent()) {
            deadline = deadline.meet(decidedAt.get());
        }
        Complaint complaint = storage.complaints().insert(Complaint.builder().id(ComplaintId.random())
                .reference(ComplaintReference.of("CMP", 2025, numbers.incrementAndGet())).kind(kind)
                .customerId(customers.get(0).id()).channel(channel).description("The parcel arrived broken")
                .severity(Severity.MEDIUM).stage(decidedAt.isPresent() ? ComplaintStage.RESPONDED
                        : ComplaintStage.RECEIVED)
                .regime("standard").receivedAt(receivedAt).deadlines(List.of(deadline))
                .outcome(decidedAt.map(at -> ComplaintOutcome.decided(decision, "We checked the delivery",
                        List.of(), at)).orElse(null))
                .respondedAt(decidedAt.orElse(null)).updatedAt(decidedAt.orElse(receivedAt)).build());
        stored.add(complaint);
        return complaint;
    }

    void scenario() {
        customer("2024-01-01T00:00:00Z", CustomerStatus.ACTIVE);
        customer("2025-02-10T00:00:00Z", CustomerStatus.ACTIVE);
        customer("2025-03-10T00:00:00Z", CustomerStatus.ACTIVE);
        customer("2025-03-20T00:00:00Z", CustomerStatus.PROSPECT);
        customer("2025-01-20T00:00:00Z", CustomerStatus.PROSPECT);
        Duration eightDays = Duration.ofDays(8);
        complaint(ComplaintKind.COMPLAINT, Channel.EMAIL, "2025-02-25T10:00:00Z", "2025-03-04T10:00:00Z",
                OutcomeDecision.UPHELD, eightDays);
        complaint(ComplaintKind.COMPLAINT, Channel.EMAIL, "2025-03-02T10:00:00Z", "2025-03-05T16:00:00Z",
                OutcomeDecision.REJECTED, eightDays);
        complaint(ComplaintKind.COMPLAINT, Channel.PHONE, "2025-03-03T09:00:00Z", "2025-03-14T09:00:00Z",
                OutcomeDecision.PARTLY_UPHELD, eightDays);
        complaint(ComplaintKind.COMPLAINT, Channel.EMAIL, "2025-03-12T09:00:00Z", null, null, eightDays);
        complaint(ComplaintKind.COMPLAINT, Channel.PHONE, "2025-03-20T09:00:00Z", null, null, eightDays);
        complaint(ComplaintKind.COMPLAINT, Channel.EMAIL, "2025-03-21T09:00:00Z", "2025-03-21T08:00:00Z",
                OutcomeDecision.UPHELD, eightDays);
        complaint(ComplaintKind.COMPLIMENT, Channel.EMAIL, "2025-03-06T09:00:00Z", null, null, eightDays);
    }

    static boolean in(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && at.isBefore(to);
    }

    List<Complaint> complaints(Predicate<Complaint> filter) {
        return stored.stream().filter(c -> c.kind() == ComplaintKind.COMPLAINT).filter(filter).toList();
    }

    @Test
    @DisplayName("complaints per 1,000 customers counts the period's complaints over customers in thousands, prospects left out")
    void perThousand() {
        // given customers, prospects and complaints
        scenario();

        // when computed per week
        KpiResult result = rapport.kpis().compute(ComplaintKpiCalculator.COMPLAINTS_PER_1000_CUSTOMERS,
                KpiRequest.over(FROM, TO).byPeriod(Granularity.WEEK, ZoneOffset.UTC));

        // then each figure has the complaints received in it over the customers before its end, per 1,000
        List<KpiFigure> figures = new ArrayList<>(result.groups());
        figures.add(result.total());
        assertThat(result.groups()).hasSize(6);
        for (KpiFigure figure : figures) {
            Instant from = figure.group().range().map(r -> r.from()).orElse(FROM);
            Instant to = figure.group().range().map(r -> r.to()).orElse(TO);
            long complaints = complaints(c -> in(c.receivedAt(), from, to)).size();
            long base = customers.stream().filter(c -> c.status() != CustomerStatus.PROSPECT)
                    .filter(c -> c.createdAt().isBefore(to)).count();
            long prospects = customers.stream().filter(c -> c.status() == CustomerStatus.PROSPECT)
                    .filter(c -> c.createdAt().isBefore(to)).count();
            assertThat(figure.numerator()).isEqualByComparingTo(BigDecimal.valueOf(complaints));
            assertThat(figure.value().orElseThrow()).isEqualByComparingTo(BigDecimal.valueOf(complaints * 1000)
                    .divide(BigDecimal.valueOf(base), MathContext.DECIMAL64));
            assertThat(figure.excluded().count(ExclusionReason.PROSPECT)).isEqualTo(prospects);
        }
        assertThat(result.total().numerator()).isEqualByComparingTo("5");
    }

    @Test
    @DisplayName("the upheld rate counts upheld and partly upheld complaints over those decided in the period")
    void upheldRate() {
        // given complaints decided before, in and never
        scenario();

        // when computed over March by channel
        KpiResult result = rapport.kpis().compute(ComplaintKpiCalculator.COMPLAINT_UPHELD_RATE,
                KpiRequest.over(FROM, TO).by(Dimension.CHANNEL));

        // then the decided complaints of March count, compliments never
        for (String channel : List.of("email", "phone")) {
            List<Complaint> decided = complaints(c -> c.channel().code().equals(channel) && c.outcome()
                    .filter(o -> in(o.decidedAt(), FROM, TO)).isPresent());
            long upheld = decided.stream().filter(c -> c.outcome().get().decision() != OutcomeDecision.REJECTED)
                    .count();
            KpiFigure figure = result.group(channel).orElseThrow();
            assertThat(figure.numerator()).isEqualByComparingTo(BigDecimal.valueOf(upheld));
            assertThat(figure.denominator()).isEqualByComparingTo(BigDecimal.valueOf(decided.size()));
        }
        assertThat(result.total().statistic("rejected").orElseThrow()).isEqualByComparingTo("1");
        assertThat(result.total().denominator()).isEqualByComparingTo("4");
    }

    @Test
    @DisplayName("time to final response gives mean, median and p90 seconds, unanswered and contradictory ones left out")
    void finalResponseTime() {
        // given complaints answered, unanswered and answered before receipt
        scenario();

        // when computed over March
        KpiResult result = rapport.kpis().compute(ComplaintKpiCalculator.COMPLAINT_FINAL_RESPONSE_TIME,
                KpiRequest.over(FROM, TO));

        // then the durations of the answered complaints received in March make the figure
        List<Complaint> received = complaints(c -> in(c.receivedAt(), FROM, TO));
        long[] micros = received.stream().filter(c -> c.outcome().isPresent())
                .filter(c -> !c.outcome().get().decidedAt().isBefore(c.receivedAt()))
                .mapToLong(c -> Duration.between(c.receivedAt(), c.outcome().get().decidedAt()).toNanos() / 1000)
                .toArray();
        DurationSummary expected = DurationSummary.of(micros);
        KpiFigure total = result.total();
        assertThat(total.denominator()).isEqualByComparingTo(BigDecimal.valueOf(expected.count()));
        assertThat(total.numerator()).isEqualByComparingTo(BigDecimal.valueOf(expected.totalMicros(), 6));
        assertThat(total.statistic("median_seconds").orElseThrow())
                .isEqualByComparingTo(expected.medianMicros().movePointLeft(6));
        assertThat(total.statistic("p90_seconds").orElseThrow())
                .isEqualByComparingTo(expected.p90Micros().movePointLeft(6));
        assertThat(total.excluded().count(ExclusionReason.NOT_YET_REPLIED))
                .isEqualTo(received.stream().filter(c -> c.outcome().isEmpty()).count()).isPositive();
        assertThat(total.excluded().count(ExclusionReason.REPLIED_BEFORE_CREATED)).isEqualTo(1);
    }

    @Test
    @DisplayName("deadline compliance is deadlines met over deadlines due in the period, those not yet due set apart")
    void deadlineCompliance() {
        // given deadlines met in time, met late, missed and still running
        scenario();

        // when computed by day over March
        KpiResult result = rapport.kpis().compute(ComplaintKpiCalculator.COMPLAINT_DEADLINE_COMPLIANCE,
                KpiRequest.over(FROM, TO).byPeriod(Granularity.DAY, ZoneOffset.UTC));

        // then each day counts the deadlines due on it
        assertThat(result.groups()).hasSize(31);
        Instant now = clock.instant();
        List<KpiFigure> figures = new ArrayList<>(result.groups());
        figures.add(result.total());
        for (KpiFigure figure : figures) {
            Instant from = figure.group().range().map(r -> r.from()).orElse(FROM);
            Instant to = figure.group().range().map(r -> r.to()).orElse(TO);
            List<ComplaintDeadline> due = complaints(c -> true).stream().flatMap(c -> c.deadlines().stream())
                    .filter(d -> in(d.effectiveDueAt(), from, to)).toList();
            long missed = due.stream().filter(d -> d.isMissed(now)).count();
            long met = due.stream().filter(d -> d.isMet() && !d.isMissed(now)).count();
            assertThat(figure.numerator()).isEqualByComparingTo(BigDecimal.valueOf(met));
            assertThat(figure.denominator()).isEqualByComparingTo(BigDecimal.valueOf(met + missed));
            assertThat(figure.excluded().count(ExclusionReason.WINDOW_OPEN))
                    .isEqualTo(due.size() - met - missed);
        }
        KpiFigure total = result.total();
        assertThat(total.statistic("missed").orElseThrow()).isPositive();
        assertThat(total.excluded().count(ExclusionReason.WINDOW_OPEN)).isPositive();
        assertThat(LocalDate.parse(result.groups().get(0).group().label())).isEqualTo(LocalDate.of(2025, 3, 1));
    }

    @Test
    @DisplayName("the facade registers the four complaint KPIs and reports them")
    void registered() {
        // given the scenario
        scenario();
        List<dev.rapport.kpi.Kpi> kpis = List.of(ComplaintKpiCalculator.COMPLAINTS_PER_1000_CUSTOMERS,
                ComplaintKpiCalculator.COMPLAINT_UPHELD_RATE, ComplaintKpiCalculator.COMPLAINT_FINAL_RESPONSE_TIME,
                ComplaintKpiCalculator.COMPLAINT_DEADLINE_COMPLIANCE);

        // when reported
        KpiReport report = rapport.kpis().report(KpiRequest.over(FROM, TO), kpis);

        // then every one is there
        assertThat(rapport.kpis().kpis()).containsAll(kpis);
        assertThat(report.results()).extracting(KpiResult::kpi).containsExactlyElementsOf(kpis);
        assertThat(report.toJson()).contains("complaint_deadline_compliance");
    }
}
