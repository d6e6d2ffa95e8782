package dev.rapport.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Money;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.Complexity;
import dev.rapport.spi.complaint.EscalationLevel;
import dev.rapport.spi.complaint.ImprovementStatus;
import dev.rapport.spi.complaint.OutcomeDecision;
import dev.rapport.spi.complaint.RemedyType;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.validation.Limits;
import dev.rapport.testing.Draft;
import dev.rapport.testing.Hostile;
import dev.rapport.testing.In;
import dev.rapport.testing.Outcomes;
import dev.rapport.testing.StoreSnapshot;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import dev.rapport.testing.BoundaryTries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * Complaint commands under random and hostile input (control characters, NUL, lone surrogates, 100,001-character
 * text, blanks, nulls, malformed codes, amounts beyond 15 integer and 4 fraction digits, negative amounts, missing
 * currencies, receipt times in the future, unknown regimes): each is either accepted and stored exactly, or refused
 * with a {@link ValidationException} naming exactly its bad fields, with the store, the audit trails, the events and
 * the messages unchanged. Any other exception fails the property.
 */
@StatisticsReport(StatisticsReportMode.OFF)
@AddLifecycleHook(BoundaryTries.class)
@Label("Complaint commands under random and hostile input")
class ComplaintCommandProperties {

    private static final Instant START = Instant.parse("2025-03-10T09:15:30.123456789Z");

    @Property(tries = 300)
    @Label("receive stores a valid complaint exactly and refuses an invalid one by its bad fields")
    void receive(@ForAll("receipts") Draft d) {
        // given
        ComplaintFixtures f = new ComplaintFixtures(START);
        Customer customer = f.customer();
        Instant receivedAt = d.get("receivedAt");
        ReceiveComplaint command = new ReceiveComplaint(customer.id(), d.get("channel"), d.get("description"),
                Optional.ofNullable(d.get("product")), Optional.ofNullable(d.get("orderRef")),
                Optional.ofNullable(d.get("remedySought")), d.get("severity"), Optional.ofNullable(d.get("regime")),
                Set.of(), Optional.ofNullable(receivedAt), d.get("actor"));
        if (d.badFields().isEmpty()) {
            // checked once the command itself is valid, one after the other
            if (receivedAt != null && receivedAt.truncatedTo(ChronoUnit.MICROS).isAfter(f.clock.instant()
                    .truncatedTo(ChronoUnit.MICROS))) {
                d.markBad("receivedAt");
            } else if (command.regime().isPresent() && !List.of("uk", "eu-psd2").contains(d.<String>get("regime"))) {
                d.markBad("regime");
            }
        }

        // when / then
        expect(f, d.badFields(), () -> f.service.receive(command), received -> {
            assertThat(f.service.get(received.id())).isEqualTo(received);
            assertThat(received.customerId()).isEqualTo(customer.id());
            assertThat(received.channel()).isEqualTo(command.channel());
            assertThat(received.description()).isEqualTo(command.description());
            assertThat(received.product()).isEqualTo(command.product());
            assertThat(received.orderRef()).isEqualTo(command.orderRef());
            assertThat(received.remedySought()).isEqualTo(command.remedySought());
            assertThat(received.severity()).isEqualTo(command.severity());
            assertThat(received.regime()).isEqualTo(command.regime().orElse("uk"));
            assertThat(received.stage()).isEqualTo(ComplaintStage.ACKNOWLEDGED);
        });
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 150)
    @Label("receive compliment stores a valid compliment exactly and refuses an invalid one by its bad fields")
    void receiveCompliment(@ForAll("compliments") Draft d) {
        // given
        ComplaintFixtures f = new ComplaintFixtures(START);
        Customer customer = f.customer();
        ReceiveCompliment command = new ReceiveCompliment(customer.id(), d.get("channel"), d.get("description"),
                Set.of(), Optional.ofNullable(d.get("product")), Optional.empty(), d.get("actor"));

        // when / then
        expect(f, d.badFields(), () -> f.service.receiveCompliment(command), received -> {
            assertThat(f.service.get(received.id())).isEqualTo(received);
            assertThat(received.description()).isEqualTo(command.description());
            assertThat(received.product()).isEqualTo(command.product());
            assertThat(received.channel()).isEqualTo(command.channel());
        });
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 150)
    @Label("assess records a valid assessment exactly and refuses an invalid one by its bad fields")
    void assess(@ForAll("assessments") Draft d) {
        // given an acknowledged complaint
        ComplaintFixtures f = new ComplaintFixtures(START);
        Complaint complaint = f.receive(f.customer());
        AssessComplaint command = new AssessComplaint(complaint.id(), d.get("severity"), d.get("complexity"),
                Optional.ofNullable(d.get("impact")), d.get("actor"));

        // when / then
        expect(f, d.badFields(), () -> f.service.assess(command), assessed -> {
            assertThat(f.service.get(complaint.id())).isEqualTo(assessed);
            assertThat(assessed.stage()).isEqualTo(ComplaintStage.ASSESSED);
            assertThat(assessed.assessment()).hasValueSatisfying(a -> {
                assertThat(a.severity()).isEqualTo(command.severity());
                assertThat(a.complexity()).isEqualTo(command.complexity());
                assertThat(a.impact()).isEqualTo(command.impact());
                assertThat(a.assessedBy()).isEqualTo(command.actor());
            });
        });
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 150)
    @Label("change stage moves with a valid note exactly and refuses an invalid one by its bad fields")
    void changeStage(@ForAll("stageChanges") Draft d) {
        // given an acknowledged complaint
        ComplaintFixtures f = new ComplaintFixtures(START);
        Complaint complaint = f.receive(f.customer());
        ChangeStage command = new ChangeStage(complaint.id(), d.get("to"), Optional.ofNullable(d.get("note")),
                d.get("actor"));

        // when / then
        expect(f, d.badFields(), () -> f.service.changeStage(command), moved -> {
            assertThat(f.service.get(complaint.id())).isEqualTo(moved);
            assertThat(moved.stage()).isEqualTo(ComplaintStage.CLOSED);
            assertThat(f.audit(complaint.id())).last().satisfies(entry -> {
                assertThat(entry.actor()).isEqualTo(command.actor());
                assertThat(entry.detail()).isEqualTo(command.note());
            });
        });
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 200)
    @Label("respond records a valid decision and remedies exactly and refuses invalid ones by their bad fields")
    void respond(@ForAll("responses") Draft d) {
        // given an acknowledged complaint
        ComplaintFixtures f = new ComplaintFixtures(START);
        Complaint complaint = f.receive(f.customer());
        RespondToComplaint command = new RespondToComplaint(complaint.id(), d.get("decision"), d.get("reasons"),
                d.get("remedies"), d.get("actor"));

        // when / then
        expect(f, d.badFields(), () -> f.service.respond(command), responded -> {
            assertThat(f.service.get(complaint.id())).isEqualTo(responded);
            assertThat(responded.stage()).isEqualTo(ComplaintStage.RESPONDED);
            assertThat(responded.outcome()).hasValueSatisfying(o -> {
                assertThat(o.decision()).isEqualTo(command.decision());
                assertThat(o.reasons()).isEqualTo(command.reasons());
                assertThat(o.remedies()).isEqualTo(command.remedies().stream().map(RemedyOffer::toRemedy).toList());
            });
        });
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 150)
    @Label("escalate records a valid escalation exactly and refuses an invalid one by its bad fields")
    void escalate(@ForAll("escalations") Draft d) {
        // given an acknowledged complaint
        ComplaintFixtures f = new ComplaintFixtures(START);
        Complaint complaint = f.receive(f.customer());
        EscalateComplaint command = new EscalateComplaint(complaint.id(), d.get("level"), d.get("body"),
                Optional.ofNullable(d.get("reason")), d.get("actor"));

        // when / then
        expect(f, d.badFields(), () -> f.service.escalate(command), escalated -> {
            assertThat(f.service.get(complaint.id())).isEqualTo(escalated);
            assertThat(escalated.escalations()).singleElement().satisfies(e -> {
                assertThat(e.level()).isEqualTo(command.level());
                assertThat(e.body()).isEqualTo(command.body());
                assertThat(e.reason()).isEqualTo(command.reason());
            });
        });
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 150)
    @Label("add note appends a valid note exactly and refuses an invalid one by its bad fields")
    void addNote(@ForAll("notes") Draft d) {
        // given an acknowledged complaint
        ComplaintFixtures f = new ComplaintFixtures(START);
        Complaint complaint = f.receive(f.customer());
        AddNote command = new AddNote(complaint.id(), d.get("note"), d.get("actor"));

        // when / then
        expect(f, d.badFields(), () -> {
            f.service.addNote(command);
            return f.audit(complaint.id());
        }, audit -> assertThat(audit).last().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo(command.actor());
            assertThat(entry.detail()).contains(command.note());
        }));
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 150)
    @Label("assign root causes adds valid codes exactly and refuses invalid ones by their bad fields")
    void assignRootCauses(@ForAll("rootCauses") Draft d) {
        // given an acknowledged complaint
        ComplaintFixtures f = new ComplaintFixtures(START);
        Complaint complaint = f.receive(f.customer());
        AssignRootCauses command = new AssignRootCauses(complaint.id(), d.get("rootCauses"), d.get("actor"));

        // when / then
        expect(f, d.badFields(), () -> f.service.assignRootCauses(command), assigned -> {
            assertThat(f.service.get(complaint.id())).isEqualTo(assigned);
            assertThat(assigned.rootCauses()).isEqualTo(command.rootCauses());
        });
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 150)
    @Label("record customer reply closes with a valid note exactly and refuses an invalid one by its bad fields")
    void recordCustomerReply(@ForAll("replies") Draft d) {
        // given a complaint responded to
        ComplaintFixtures f = new ComplaintFixtures(START);
        Complaint complaint = f.receive(f.customer());
        f.service.respond(new RespondToComplaint(complaint.id(), OutcomeDecision.UPHELD, "Checked.", List.of(),
                "agent:1"));
        RecordCustomerReply command = new RecordCustomerReply(complaint.id(), true,
                Optional.ofNullable(d.get("note")), d.get("actor"));

        // when / then
        expect(f, d.badFields(), () -> f.service.recordCustomerReply(command), closed -> {
            assertThat(f.service.get(complaint.id())).isEqualTo(closed);
            assertThat(closed.stage()).isEqualTo(ComplaintStage.CLOSED);
            assertThat(f.audit(complaint.id())).anySatisfy(entry -> {
                assertThat(entry.actor()).isEqualTo(command.actor());
                assertThat(entry.detail()).isEqualTo(command.note());
            });
        });
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 150)
    @Label("send holding response moves a deadline with a valid reason exactly and refuses bad input by field")
    void sendHoldingResponse(@ForAll("holdings") Draft d) {
        // given an acknowledged complaint under the UK-style regime, whose final response is due in 8 weeks
        ComplaintFixtures f = new ComplaintFixtures(START);
        Complaint complaint = f.receive(f.customer());
        Instant dueAt = complaint.deadline("final_response").orElseThrow().effectiveDueAt();
        Duration after = d.get("promisedBy");
        SendHoldingResponse command = new SendHoldingResponse(complaint.id(), d.get("deadline"),
                after == null ? null : dueAt.plus(after), d.get("reason"), d.get("actor"));
        if (d.badFields().isEmpty()) {
            // checked once the command itself is valid: the deadline first, then the new time
            if (!"final_response".equals(command.deadline())) {
                d.markBad("deadline");
            } else if (!command.promisedBy().isAfter(dueAt)) {
                d.markBad("promisedBy");
            }
        }

        // when / then
        expect(f, d.badFields(), () -> f.service.sendHoldingResponse(command), held -> {
            assertThat(f.service.get(complaint.id())).isEqualTo(held);
            assertThat(held.deadline("final_response")).hasValueSatisfying(deadline ->
                    assertThat(deadline.effectiveDueAt()).isEqualTo(command.promisedBy().truncatedTo(ChronoUnit.MICROS)));
            assertThat(f.messenger.ofKind(ComplaintMessages.HOLDING_RESPONSE)).singleElement()
                    .satisfies(m -> assertThat(m.values()).containsEntry("holdingReason", command.reason()));
        });
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 100)
    @Label("plan improvement stores a valid plan exactly and refuses an invalid one by its field")
    void planImprovement(@ForAll("plans") In<String> plan) {
        // given an improvement item opened by three complaints about the same product
        ComplaintFixtures f = new ComplaintFixtures(START);
        Customer customer = f.customer();
        for (int i = 0; i < 3; i++) {
            f.service.receive(f.complaintBy(customer).product("router").build());
        }
        var item = f.service.outstandingImprovements(new PageRequest(0, 10)).items().get(0).item();
        Set<String> bad = plan.valid() ? Set.of() : Set.of("plan");

        // when / then
        expect(f, bad, () -> f.service.planImprovement(item.id(), plan.value()), planned -> {
            assertThat(planned.status()).isEqualTo(ImprovementStatus.PLANNED);
            assertThat(planned.plan()).isEqualTo(Optional.ofNullable(plan.value()));
            assertThat(f.storage.complaints().findImprovementById(item.id())).contains(planned);
        });
        Outcomes.requireBothOutcomes();
    }

    // ------------------------------------------------------------------------------------------------ checking

    /** Everything about complaints a store holds: complaints with their audit trails, and improvement items. */
    private static List<Object> complaintState(ComplaintFixtures f) {
        List<Object> state = new ArrayList<>();
        for (Complaint c : f.storage.complaints().findByStage(EnumSet.allOf(ComplaintStage.class),
                new PageRequest(0, PageRequest.MAX_LIMIT)).items()) {
            Map<Complaint, List<AuditEntry>> entry = new LinkedHashMap<>();
            entry.put(c, f.storage.complaints().auditTrail(c.id()));
            state.add(entry);
        }
        state.addAll(f.storage.complaints().findImprovementsByStatus(EnumSet.allOf(ImprovementStatus.class),
                new PageRequest(0, PageRequest.MAX_LIMIT)).items());
        return state;
    }

    /**
     * Runs the operation: accepted when no field is bad, otherwise refused with a {@link ValidationException}
     * naming exactly the bad fields, with nothing stored, published or sent. Any other exception propagates and
     * fails the property.
     */
    private static <R> void expect(ComplaintFixtures f, Set<String> bad, Supplier<R> operation,
            Consumer<R> whenAccepted) {
        StoreSnapshot store = StoreSnapshot.of(f.storage);
        List<Object> complaints = complaintState(f);
        int events = f.events.size();
        int messages = f.messenger.sent.size();
        R result;
        try {
            result = operation.get();
        } catch (ValidationException e) {
            Statistics.label("outcome").collect("rejected");
            assertThat(bad).as("fields expected bad, for refusal %s", e.getMessage()).isNotEmpty();
            assertThat(Outcomes.topLevel(e.fields())).as("fields named by %s", e.getMessage()).isEqualTo(bad);
            assertThat(StoreSnapshot.of(f.storage)).as("the store after a refusal").isEqualTo(store);
            assertThat(complaintState(f)).as("complaints after a refusal").isEqualTo(complaints);
            assertThat(f.events).as("events after a refusal").hasSize(events);
            assertThat(f.messenger.sent).as("messages after a refusal").hasSize(messages);
            return;
        }
        Statistics.label("outcome").collect("accepted");
        assertThat(bad).as("fields expected bad, but the command was accepted").isEmpty();
        whenAccepted.accept(result);
    }

    // ------------------------------------------------------------------------------------------------ inputs

    @Provide
    Arbitrary<Draft> receipts() {
        Arbitrary<Instant> times = Arbitraries.of(Duration.ofDays(-30), Duration.ofHours(-1), Duration.ZERO,
                Duration.ofNanos(999), Duration.ofMinutes(1), Duration.ofDays(400)).map(START::plus);
        return Builders.withBuilder(Draft::new)
                .use(Hostile.required(Arbitraries.of(Channel.BUILT_IN))).in((d, v) -> d.with("channel", v))
                .use(Hostile.requiredText(Limits.TEXT, true)).in((d, v) -> d.with("description", v))
                .use(Hostile.code(true)).in((d, v) -> d.with("product", v))
                .use(Hostile.optionalNonBlankText(Limits.KEY)).in((d, v) -> d.with("orderRef", v))
                .use(optionalNonBlankMultiline(Limits.TEXT)).in((d, v) -> d.with("remedySought", v))
                .use(Hostile.required(Arbitraries.of(Severity.class))).in((d, v) -> d.with("severity", v))
                .use(regimes()).in((d, v) -> d.with("regime", v))
                .use(Hostile.optional(times)).in((d, v) -> d.with("receivedAt", v))
                .use(actors()).in((d, v) -> d.with("actor", v))
                .build();
    }

    @Provide
    Arbitrary<Draft> holdings() {
        Arbitrary<In<String>> deadlines = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(In.ok("final_response"))),
                Tuple.of(1, Arbitraries.of("summary_resolution", "reply").map(In::ok)),
                Tuple.of(1, Hostile.code(false)));
        Arbitrary<In<Duration>> promised = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(Duration.ofDays(7), Duration.ofNanos(1_000)).map(In::ok)),
                Tuple.of(1, Arbitraries.of(Duration.ZERO, Duration.ofDays(-3)).map(In::ok)),
                Tuple.of(1, Arbitraries.just(In.bad((Duration) null))));
        return Builders.withBuilder(Draft::new)
                .use(deadlines).in((d, v) -> d.with("deadline", v))
                .use(promised).in((d, v) -> d.with("promisedBy", v))
                .use(Hostile.requiredText(Limits.TEXT, true)).in((d, v) -> d.with("reason", v))
                .use(actors()).in((d, v) -> d.with("actor", v))
                .build();
    }

    @Provide
    Arbitrary<In<String>> plans() {
        return optionalNonBlankMultiline(Limits.TEXT);
    }

    @Provide
    Arbitrary<Draft> compliments() {
        return Builders.withBuilder(Draft::new)
                .use(Hostile.required(Arbitraries.of(Channel.BUILT_IN))).in((d, v) -> d.with("channel", v))
                .use(Hostile.requiredText(Limits.TEXT, true)).in((d, v) -> d.with("description", v))
                .use(Hostile.code(true)).in((d, v) -> d.with("product", v))
                .use(actors()).in((d, v) -> d.with("actor", v))
                .build();
    }

    @Provide
    Arbitrary<Draft> assessments() {
        return Builders.withBuilder(Draft::new)
                .use(Hostile.required(Arbitraries.of(Severity.class))).in((d, v) -> d.with("severity", v))
                .use(Hostile.required(Arbitraries.of(Complexity.class))).in((d, v) -> d.with("complexity", v))
                .use(optionalNonBlankMultiline(Limits.TEXT)).in((d, v) -> d.with("impact", v))
                .use(actors()).in((d, v) -> d.with("actor", v))
                .build();
    }

    @Provide
    Arbitrary<Draft> stageChanges() {
        return Builders.withBuilder(Draft::new)
                .use(Hostile.required(Arbitraries.just(ComplaintStage.CLOSED))).in((d, v) -> d.with("to", v))
                .use(optionalNonBlankMultiline(Limits.TEXT)).in((d, v) -> d.with("note", v))
                .use(actors()).in((d, v) -> d.with("actor", v))
                .build();
    }

    @Provide
    Arbitrary<Draft> responses() {
        return Builders.withBuilder(Draft::new)
                .use(Hostile.required(Arbitraries.of(OutcomeDecision.class))).in((d, v) -> d.with("decision", v))
                .use(Hostile.requiredText(Limits.TEXT, true)).in((d, v) -> d.with("reasons", v))
                .use(remedies()).in((d, v) -> d.with("remedies", v))
                .use(actors()).in((d, v) -> d.with("actor", v))
                .build();
    }

    @Provide
    Arbitrary<Draft> escalations() {
        return Builders.withBuilder(Draft::new)
                .use(Hostile.required(Arbitraries.of(EscalationLevel.class))).in((d, v) -> d.with("level", v))
                .use(Hostile.requiredText(Limits.NAME, false)).in((d, v) -> d.with("body", v))
                .use(optionalNonBlankMultiline(Limits.TEXT)).in((d, v) -> d.with("reason", v))
                .use(actors()).in((d, v) -> d.with("actor", v))
                .build();
    }

    @Provide
    Arbitrary<Draft> notes() {
        return Builders.withBuilder(Draft::new)
                .use(Hostile.requiredText(Limits.TEXT, true)).in((d, v) -> d.with("note", v))
                .use(actors()).in((d, v) -> d.with("actor", v))
                .build();
    }

    @Provide
    Arbitrary<Draft> rootCauses() {
        Arbitrary<In<Set<String>>> codes = Hostile.setWithNulls(Hostile.code(false), 4)
                .map(in -> in.value().isEmpty() ? In.bad(in.value()) : in);
        Arbitrary<In<Set<String>>> tooMany = Arbitraries.just(In.bad(java.util.stream.IntStream.range(0, 51)
                .mapToObj(i -> "cause" + i).collect(java.util.stream.Collectors.toSet())));
        return Builders.withBuilder(Draft::new)
                .use(Arbitraries.frequencyOf(Tuple.of(20, codes), Tuple.of(1, tooMany),
                        Tuple.of(1, Arbitraries.just(In.bad((Set<String>) null)))))
                .in((d, v) -> d.with("rootCauses", v))
                .use(actors()).in((d, v) -> d.with("actor", v))
                .build();
    }

    @Provide
    Arbitrary<Draft> replies() {
        return Builders.withBuilder(Draft::new)
                .use(optionalNonBlankMultiline(Limits.TEXT)).in((d, v) -> d.with("note", v))
                .use(actors()).in((d, v) -> d.with("actor", v))
                .build();
    }

    /** Who acts: {@code @NotBlank @PlainText @Size(max = KEY)}, with SQL and quotes among the valid ones. */
    private static Arbitrary<In<String>> actors() {
        return Arbitraries.frequencyOf(Tuple.of(6, Hostile.requiredText(Limits.KEY, false)),
                Tuple.of(1, Arbitraries.of("agent:1'; DROP TABLE complaints;--", "\u202egnitirw-ltr", "🙂 bot")
                        .map(In::ok)));
    }

    /** Optional multi-line text that must not be blank when present. */
    private static Arbitrary<In<String>> optionalNonBlankMultiline(int max) {
        return Hostile.optionalText(max, true)
                .map(in -> in.value() != null && in.value().isBlank() ? In.bad(in.value()) : in);
    }

    /** A regime code: the configured ones, none (the default), unknown ones, and malformed codes. */
    private static Arbitrary<In<String>> regimes() {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of("uk", "eu-psd2").map(In::ok)),
                Tuple.of(3, Arbitraries.just(In.ok((String) null))),
                Tuple.of(1, Arbitraries.just(In.ok("nowhere"))), Tuple.of(1, Hostile.code(true)));
    }

    /** Up to three remedies: amounts from {@link Hostile#money()}, negative ones, missing currencies, apologies. */
    private static Arbitrary<In<List<RemedyOffer>>> remedies() {
        Arbitrary<In<RemedyOffer>> paid = Hostile.money().map(in -> {
            Money money = in.value();
            BigDecimal amount = money.amount();
            String currency = money.currency() == null ? null : money.currency().getCurrencyCode();
            boolean valid = in.valid() && amount.signum() >= 0;
            return new In<>(new RemedyOffer(RemedyType.REFUND, amount, currency, Optional.empty()), valid);
        });
        Arbitrary<In<RemedyOffer>> apology = optionalNonBlankText().map(note ->
                new In<>(new RemedyOffer(RemedyType.APOLOGY, null, null, Optional.ofNullable(note.value())),
                        note.valid()));
        Arbitrary<In<RemedyOffer>> odd = Arbitraries.of(
                In.bad(new RemedyOffer(RemedyType.VOUCHER_OR_CREDIT, BigDecimal.TEN, "XXZ", Optional.empty())),
                In.bad(new RemedyOffer(null, null, null, Optional.empty())),
                In.bad((RemedyOffer) null));
        Arbitrary<In<RemedyOffer>> one = Arbitraries.frequencyOf(Tuple.of(8, paid), Tuple.of(4, apology),
                Tuple.of(1, odd));
        return one.list().ofMaxSize(3).map(list -> new In<>(list.stream().map(In::value).toList().stream()
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new)),
                list.stream().allMatch(In::valid)));
    }

    private static Arbitrary<In<String>> optionalNonBlankText() {
        return Hostile.optionalNonBlankText(Limits.ATTRIBUTE_VALUE);
    }
}
