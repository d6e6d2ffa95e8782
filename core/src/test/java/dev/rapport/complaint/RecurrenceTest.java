package dev.rapport.complaint;

import static dev.rapport.complaint.ComplaintFixtures.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ImprovementItem;
import dev.rapport.spi.complaint.ImprovementStatus;
import dev.rapport.spi.complaint.IssueKey;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.event.RecurringIssueDetected;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Recurring issues: N complaints sharing a root cause or product within the window fire once, at the exact edges. */
@DisplayName("Recurring issues")
class RecurrenceTest {

    private static final Instant T0 = utc("2026-03-02T10:00:00");
    private static final Duration WINDOW = Duration.ofDays(7);
    private static final Duration MICRO = Duration.ofNanos(1_000);

    private final ComplaintFixtures fx = new ComplaintFixtures(T0.plus(Duration.ofDays(60)), policy -> policy
            .recurrence(new RecurrencePolicy(3, WINDOW))
            .taxonomy(RootCauseTaxonomy.builder().add("packaging", "Packaging too weak")
                    .add("delivery.courier", "Courier damaged or lost the parcel").build()));
    private final Customer customer = fx.customer();

    private Complaint aboutProduct(String product, Instant receivedAt) {
        return fx.service.receive(fx.complaintBy(customer).product(product).receivedAt(receivedAt).build());
    }

    private Complaint plain(Instant receivedAt) {
        return fx.service.receive(fx.complaintBy(customer).receivedAt(receivedAt).build());
    }

    private Complaint withCause(Complaint complaint, String cause) {
        return fx.service.assignRootCauses(new AssignRootCauses(complaint.id(), Set.of(cause), "agent:kim"));
    }

    @Test
    @DisplayName("exactly three complaints about a product within the window fire once; a fourth joins the item")
    void thresholdWithinWindowFiresOnce() {
        // given
        Complaint first = aboutProduct("kettle-K2", T0);
        Complaint second = aboutProduct("kettle-K2", T0.plus(Duration.ofDays(3)));

        // when
        List<RecurringIssueDetected> afterTwo = fx.events(RecurringIssueDetected.class);
        Complaint third = aboutProduct("kettle-K2", T0.plus(WINDOW).minus(MICRO));
        Complaint fourth = aboutProduct("kettle-K2", T0.plus(Duration.ofDays(4)));

        // then
        assertThat(afterTwo).as("two of three do not fire").isEmpty();
        assertThat(fx.events(RecurringIssueDetected.class)).singleElement().satisfies(e -> {
            assertThat(e.issue()).isEqualTo(IssueKey.product("kettle-K2"));
            assertThat(e.round()).isEqualTo(1);
            assertThat(e.complaintIds()).containsExactly(first.id(), second.id(), third.id());
        });
        ImprovementItem item = fx.storage.complaints().findImprovementByIssue(IssueKey.product("kettle-K2"))
                .orElseThrow();
        assertThat(item.status()).isEqualTo(ImprovementStatus.OPEN);
        assertThat(item.complaints()).containsExactly(first.id(), second.id(), third.id(), fourth.id());
    }

    @Test
    @DisplayName("a complaint exactly one window after the first does not count with it")
    void windowEndIsExcluded() {
        // given
        aboutProduct("kettle-K2", T0);
        aboutProduct("kettle-K2", T0.plus(Duration.ofDays(3)));

        // when
        aboutProduct("kettle-K2", T0.plus(WINDOW));

        // then
        assertThat(fx.events(RecurringIssueDetected.class)).isEmpty();
        assertThat(fx.storage.complaints().findImprovementByIssue(IssueKey.product("kettle-K2"))).isEmpty();
    }

    @Test
    @DisplayName("the window slides: the second, third and fourth complaints can make the threshold when the first is too old")
    void windowSlides() {
        // given
        aboutProduct("kettle-K2", T0);
        Complaint second = aboutProduct("kettle-K2", T0.plus(Duration.ofDays(6)));
        Complaint third = aboutProduct("kettle-K2", T0.plus(Duration.ofDays(9)));

        // when
        List<RecurringIssueDetected> beforeFourth = fx.events(RecurringIssueDetected.class);
        Complaint fourth = aboutProduct("kettle-K2", T0.plus(Duration.ofDays(12)));

        // then
        assertThat(beforeFourth).isEmpty();
        assertThat(fx.events(RecurringIssueDetected.class)).singleElement()
                .satisfies(e -> assertThat(e.complaintIds()).containsExactly(second.id(), third.id(), fourth.id()));
    }

    @Test
    @DisplayName("root causes assigned later count by receipt time, and complaints on other issues or compliments do not count")
    void rootCausesCountByReceiptTime() {
        // given
        Complaint a = plain(T0);
        Complaint b = plain(T0.plus(Duration.ofDays(1)));
        Complaint c = plain(T0.plus(Duration.ofDays(2)));
        fx.service.receiveCompliment(new ReceiveCompliment(customer.id(), dev.rapport.spi.Channel.CHAT,
                "Lovely packaging", Set.of(), java.util.Optional.empty(), java.util.Optional.of(T0),
                "system"));
        withCause(a, "packaging");
        withCause(b, "delivery.courier");

        // when
        withCause(c, "packaging");
        List<RecurringIssueDetected> afterTwoPackaging = fx.events(RecurringIssueDetected.class);
        withCause(b, "packaging");

        // then
        assertThat(afterTwoPackaging).isEmpty();
        assertThat(fx.events(RecurringIssueDetected.class)).singleElement().satisfies(e -> {
            assertThat(e.issue()).isEqualTo(IssueKey.rootCause("packaging"));
            assertThat(e.complaintIds()).containsExactly(a.id(), b.id(), c.id());
        });
    }

    @Test
    @DisplayName("rejects a root cause outside the taxonomy, naming rootCauses, and changes nothing")
    void unknownRootCauseIsRejected() {
        // given
        Complaint complaint = plain(T0);

        // when
        ValidationException thrown = catchThrowableOfType(ValidationException.class,
                () -> fx.service.assignRootCauses(new AssignRootCauses(complaint.id(), Set.of("packaging", "aliens"),
                        "agent:kim")));

        // then
        assertThat(thrown.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("rootCauses");
            assertThat(v.rule()).isEqualTo("InTaxonomy");
            assertThat(v.message()).contains("aliens");
        });
        assertThat(fx.service.get(complaint.id()).rootCauses()).isEmpty();
    }

    @Test
    @DisplayName("lists outstanding items with their complaints, and after the fix a new cluster opens a new round")
    void improvementListAndRounds() {
        // given
        List<Complaint> firstCluster = List.of(aboutProduct("kettle-K2", T0),
                aboutProduct("kettle-K2", T0.plus(Duration.ofDays(1))),
                aboutProduct("kettle-K2", T0.plus(Duration.ofDays(2))));
        ImprovementItem item = fx.service.outstandingImprovements(PageRequest.first()).items().get(0).item();

        // when
        ImprovementItem planned = fx.service.planImprovement(item.id(), "Double-wall boxes from April");
        List<ImprovementView> outstanding = fx.service.outstandingImprovements(PageRequest.first()).items();
        fx.service.completeImprovement(item.id(), null);
        List<ImprovementView> afterDone = fx.service.outstandingImprovements(PageRequest.first()).items();
        Instant fixedAt = fx.clock.instant();
        aboutProduct("kettle-K2", fixedAt.minus(Duration.ofHours(1)));
        fx.advance(Duration.ofHours(1));
        aboutProduct("kettle-K2", fx.clock.instant());
        fx.advance(Duration.ofHours(1));
        aboutProduct("kettle-K2", fx.clock.instant());
        List<RecurringIssueDetected> twoAfterFix = fx.events(RecurringIssueDetected.class);
        fx.advance(Duration.ofHours(1));
        aboutProduct("kettle-K2", fx.clock.instant());

        // then
        assertThat(planned.status()).isEqualTo(ImprovementStatus.PLANNED);
        assertThat(outstanding).singleElement().satisfies(view -> {
            assertThat(view.item().plan()).contains("Double-wall boxes from April");
            assertThat(view.complaints()).extracting(Complaint::id)
                    .containsExactlyElementsOf(firstCluster.stream().map(Complaint::id).toList());
        });
        assertThat(afterDone).isEmpty();
        assertThat(twoAfterFix).as("complaints received before the fix do not count again").hasSize(1);
        assertThat(fx.events(RecurringIssueDetected.class)).extracting(RecurringIssueDetected::round)
                .containsExactly(1, 2);
        assertThat(fx.events(RecurringIssueDetected.class).get(0).eventId())
                .isNotEqualTo(fx.events(RecurringIssueDetected.class).get(1).eventId());
        assertThat(fx.storage.complaints().findImprovementById(item.id()).orElseThrow().status())
                .isEqualTo(ImprovementStatus.OPEN);
    }
}
