package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.audit.AuditSubject;
import dev.rapport.spi.audit.TrailAction;
import dev.rapport.spi.audit.TrailEntry;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerMerge;
import dev.rapport.spi.validation.Limits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The storage contract of the audit trails of customers and cases ({@link dev.rapport.spi.audit.AuditTrails}):
 * entries round-trip exactly, a subject's trail reads in time order with entries of equal time in append order, in
 * pages, apart from every other subject's; ids are unique; appends take part in transactions; a trail outlives a
 * merged customer; erasure's redaction replaces only the values it names. Run by {@link RapportStorageContract} as
 * its nested group "Audit trails"; not meant to be run on its own.
 */
public abstract class AuditTrailContract {

    private static final Instant T0 = Instant.parse("2024-06-03T08:00:00.000001Z");

    private final Supplier<RapportStorage> storage;

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected AuditTrailContract(Supplier<RapportStorage> storage) {
        this.storage = storage;
    }

    private RapportStorage storage() {
        return storage.get();
    }

    private static AuditSubject aCase() {
        return AuditSubject.of(CaseId.random());
    }

    private static AuditSubject aCustomer() {
        return AuditSubject.of(CustomerId.random());
    }

    private static TrailEntry entry(AuditSubject subject, Instant at, TrailAction action, String to) {
        return TrailEntry.of(subject, at, Actor.system(), action, null, to, null);
    }

    private List<TrailEntry> trail(AuditSubject subject) {
        List<TrailEntry> all = new ArrayList<>();
        Optional<PageRequest> request = Optional.of(PageRequest.first(PageRequest.MAX_LIMIT));
        while (request.isPresent()) {
            Page<TrailEntry> page = storage().auditTrails().find(subject, request.get());
            all.addAll(page.items());
            request = page.nextRequest();
        }
        return all;
    }

    @Test
    @DisplayName("an entry with every field, of every kind of actor, reads back equal")
    void entryWithEveryFieldRoundTrips() {
        // given
        AuditSubject customer = aCustomer();
        AgentId agent = AgentId.random();
        List<TrailEntry> entries = List.of(
                new TrailEntry(UUID.randomUUID(), customer, T0, Actor.agent(agent), TrailAction.IDENTITY_ADDED,
                        Optional.of("email:old@example.com"), Optional.of("email:zoë.ñ@例え.jp 😀"),
                        Optional.of("first line\nsecond line\twith a tab")),
                TrailEntry.of(customer, T0.plusSeconds(1), Actor.customer(new CustomerId(customer.id())),
                        TrailAction.CONSENT_CHANGED, "email:UNKNOWN", "email:OPTED_OUT", null),
                TrailEntry.of(customer, T0.plusSeconds(2), Actor.hostUser("user:ann «O'Brien»"),
                        TrailAction.PROFILE_CHANGED, null, null, "name, segment"),
                TrailEntry.of(customer, T0.plusSeconds(3), Actor.rule("tag-vips"),
                        TrailAction.CUSTOMER_TAGS_CHANGED, null, "vip, été.2024", null),
                TrailEntry.of(customer, T0.plusSeconds(4), Actor.system(), TrailAction.CUSTOMER_REGISTERED, null,
                        null, null));

        // when
        List<TrailEntry> stored = entries.stream().map(e -> storage().auditTrails().append(e)).toList();

        // then
        assertThat(stored).isEqualTo(entries);
        assertThat(trail(customer)).isEqualTo(entries);
    }

    @Test
    @DisplayName("values at the edges of the value domain read back exactly")
    void valuesAtTheEdgesRoundTrip() {
        // given
        AuditSubject supportCase = aCase();
        TrailEntry earliest = new TrailEntry(UUID.randomUUID(), supportCase, Limits.MIN_INSTANT,
                Actor.hostUser(TestData.text(Limits.NAME)), TrailAction.SNOOZED,
                Optional.of(TestData.text(Limits.HOST_TEXT)), Optional.of(TestData.text(Limits.HOST_TEXT)),
                Optional.of(TestData.multilineText(Limits.HOST_TEXT)));
        TrailEntry latest = new TrailEntry(UUID.randomUUID(), supportCase, Limits.MAX_INSTANT, Actor.system(),
                TrailAction.UNSNOOZED, Optional.of("x"), Optional.empty(), Optional.of("y"));

        // when
        storage().auditTrails().append(latest);
        storage().auditTrails().append(earliest);

        // then
        assertThat(trail(supportCase)).containsExactly(earliest, latest);
    }

    @Test
    @DisplayName("an entry outside the value domain is refused by field before any adapter sees it, and nothing is stored")
    void entryOutsideTheDomainIsRefusedByField() {
        // given
        AuditSubject supportCase = aCase();

        // when
        ValidationException refused = catchThrowableOfType(ValidationException.class, () -> new TrailEntry(
                UUID.randomUUID(), supportCase, Instant.parse("2024-06-03T08:00:00.000000001Z"), Actor.system(),
                TrailAction.CUSTOMER_REGISTERED, Optional.of("line\nbreak"), Optional.of(" "),
                Optional.of(TestData.text(Limits.HOST_TEXT + 1))));

        // then
        assertThat(refused.violations()).extracting(ValidationException.Violation::field, ValidationException.Violation::rule)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("at", "SupportedInstant"),
                        org.assertj.core.groups.Tuple.tuple("action", "SubjectKind"),
                        org.assertj.core.groups.Tuple.tuple("from", "PlainText"),
                        org.assertj.core.groups.Tuple.tuple("to", "Pattern"),
                        org.assertj.core.groups.Tuple.tuple("detail", "Size"));
        assertThat(trail(supportCase)).isEmpty();
    }

    @Test
    @DisplayName("a trail reads in time order, and entries of equal time in the order they were appended")
    void entriesAtEqualTimesKeepTheirAppendOrder() {
        // given: ten entries of one transaction share a time; one earlier entry is appended last
        AuditSubject supportCase = aCase();
        List<TrailEntry> sameTime = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sameTime.add(entry(supportCase, T0.plusSeconds(60), TrailAction.CASE_TAGS_CHANGED, "tag-" + i));
        }
        TrailEntry earlier = entry(supportCase, T0, TrailAction.CASE_ASSIGNED, AgentId.random().toString());

        // when
        storage().transactions().runInTransaction(() -> sameTime.forEach(storage().auditTrails()::append));
        storage().auditTrails().append(earlier);

        // then
        List<TrailEntry> expected = new ArrayList<>();
        expected.add(earlier);
        expected.addAll(sameTime);
        assertThat(trail(supportCase)).isEqualTo(expected);
    }

    @Test
    @DisplayName("a trail holds only its own subject's entries: a customer and a case with the same id have two trails")
    void trailsAreKeptApartBySubject() {
        // given
        UUID shared = UUID.randomUUID();
        AuditSubject customer = new AuditSubject(AuditSubject.Kind.CUSTOMER, shared);
        AuditSubject supportCase = new AuditSubject(AuditSubject.Kind.CASE, shared);
        TrailEntry ofCustomer = entry(customer, T0, TrailAction.OWN_AGENT_SET, AgentId.random().toString());
        TrailEntry ofCase = entry(supportCase, T0, TrailAction.CASE_ASSIGNED, AgentId.random().toString());
        TrailEntry ofOther = entry(aCase(), T0, TrailAction.CASE_ASSIGNED, AgentId.random().toString());

        // when
        storage().auditTrails().append(ofCustomer);
        storage().auditTrails().append(ofCase);
        storage().auditTrails().append(ofOther);

        // then
        assertThat(trail(customer)).containsExactly(ofCustomer);
        assertThat(trail(supportCase)).containsExactly(ofCase);
        assertThat(trail(aCase())).isEmpty();
    }

    @Test
    @DisplayName("the pages of a trail visit every entry exactly once, in order, and say when there is a next one")
    void pagesVisitEveryEntryOnce() {
        // given
        AuditSubject supportCase = aCase();
        List<TrailEntry> entries = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            entries.add(storage().auditTrails().append(entry(supportCase, T0.plusMillis(i % 7),
                    TrailAction.PRIORITY_CHANGED, "P" + i)));
        }
        List<TrailEntry> expected = entries.stream().sorted(java.util.Comparator.comparing(TrailEntry::at)).toList();

        // when
        Page<TrailEntry> first = storage().auditTrails().find(supportCase, PageRequest.first(10));
        Page<TrailEntry> second = storage().auditTrails().find(supportCase, first.nextRequest().orElseThrow());
        Page<TrailEntry> third = storage().auditTrails().find(supportCase, second.nextRequest().orElseThrow());

        // then
        assertThat(first.items()).isEqualTo(expected.subList(0, 10));
        assertThat(second.items()).isEqualTo(expected.subList(10, 20));
        assertThat(third.items()).isEqualTo(expected.subList(20, 25));
        assertThat(third.hasNext()).isFalse();
    }

    @Test
    @DisplayName("a second entry with a stored id is refused as a duplicate of key \"id\", and the trail is unchanged")
    void duplicateEntryIdIsRefused() {
        // given
        AuditSubject supportCase = aCase();
        TrailEntry stored = storage().auditTrails().append(entry(supportCase, T0, TrailAction.CASE_ASSIGNED, "a"));
        TrailEntry again = new TrailEntry(stored.id(), aCase(), T0.plusSeconds(1), Actor.system(),
                TrailAction.CASE_RELEASED, Optional.of("b"), Optional.empty(), Optional.empty());

        // when
        DuplicateEntityException refused = catchThrowableOfType(DuplicateEntityException.class,
                () -> storage().auditTrails().append(again));

        // then
        assertThat(refused.keyName()).isEqualTo("id");
        assertThat(trail(supportCase)).containsExactly(stored);
        assertThat(trail(again.subject())).isEmpty();
    }

    @Test
    @DisplayName("entries appended in a transaction that rolls back are gone, and their ids are free again")
    void appendRollsBackWithTransaction() {
        // given
        AuditSubject customer = aCustomer();
        TrailEntry entry = entry(customer, T0, TrailAction.CUSTOMER_REGISTERED, null);

        // when
        catchThrowableOfType(IllegalStateException.class, () -> storage().transactions().runInTransaction(() -> {
            storage().auditTrails().append(entry);
            throw new IllegalStateException("boom");
        }));

        // then
        assertThat(trail(customer)).isEmpty();
        assertThat(storage().auditTrails().append(entry)).isEqualTo(entry);
    }

    @Test
    @DisplayName("a merged customer's trail stays readable after the customer is removed")
    void trailOutlivesAMergedCustomer() {
        // given
        Customer merged = storage().customers().insert(TestData.customer().build());
        Customer into = storage().customers().insert(TestData.customer().build());
        TrailEntry registered = entry(AuditSubject.of(merged.id()), T0, TrailAction.CUSTOMER_REGISTERED, null);
        storage().auditTrails().append(registered);

        // when
        storage().customerMerges().retire(new CustomerMerge(merged.id(), into.id(), T0.plusSeconds(5), "user:ann"));

        // then
        assertThat(storage().customers().findById(merged.id())).isEmpty();
        assertThat(trail(AuditSubject.of(merged.id()))).containsExactly(registered);
    }

    @Test
    @DisplayName("redaction replaces only the values of the entries it names; ids, times, actors, actions and order stay")
    void auditTrailRedactionReplacesOnlyValues() {
        // given
        AuditSubject customer = aCustomer();
        TrailEntry added = storage().auditTrails().append(TrailEntry.of(customer, T0, Actor.hostUser("user:ann"),
                TrailAction.IDENTITY_ADDED, null, "email:ann@example.com", "said on the phone"));
        TrailEntry removed = storage().auditTrails().append(TrailEntry.of(customer, T0, Actor.system(),
                TrailAction.IDENTITY_REMOVED, "phone:+41 44 668 18 00", null, null));
        TrailEntry kept = storage().auditTrails().append(TrailEntry.of(customer, T0.plusSeconds(1), Actor.system(),
                TrailAction.CONSENT_CHANGED, "email:UNKNOWN", "email:OPTED_IN", null));

        // when
        int changed = storage().auditTrails().redact(customer, List.of(
                added.withValues(Optional.empty(), Optional.of("email:[erased]"), Optional.of("[erased]")),
                removed.withValues(Optional.of("phone:[erased]"), Optional.empty(), Optional.empty())));

        // then
        assertThat(changed).isEqualTo(2);
        assertThat(trail(customer)).containsExactly(
                added.withValues(Optional.empty(), Optional.of("email:[erased]"), Optional.of("[erased]")),
                removed.withValues(Optional.of("phone:[erased]"), Optional.empty(), Optional.empty()),
                kept);
    }

    @Test
    @DisplayName("redaction is idempotent, touches no other trail, and refuses an id of another trail changing nothing")
    void auditTrailRedactionIsIdempotentAndLocal() {
        // given
        AuditSubject customer = aCustomer();
        AuditSubject other = aCustomer();
        TrailEntry mine = storage().auditTrails().append(TrailEntry.of(customer, T0, Actor.system(),
                TrailAction.PROFILE_CHANGED, null, null, "name"));
        TrailEntry theirs = storage().auditTrails().append(TrailEntry.of(other, T0, Actor.system(),
                TrailAction.PROFILE_CHANGED, null, null, "name"));
        TrailEntry redacted = mine.withValues(Optional.empty(), Optional.empty(), Optional.of("[erased]"));

        // when
        int first = storage().auditTrails().redact(customer, List.of(redacted));
        int second = storage().auditTrails().redact(customer, List.of(redacted));
        IllegalArgumentException foreign = catchThrowableOfType(IllegalArgumentException.class,
                () -> storage().auditTrails().redact(customer, List.of(redacted.withValues(Optional.empty(),
                        Optional.empty(), Optional.empty()), theirs.withValues(Optional.empty(), Optional.empty(),
                        Optional.empty()))));

        // then
        assertThat(first).isEqualTo(1);
        assertThat(second).isZero();
        assertThat(foreign).isNotNull();
        assertThat(trail(customer)).containsExactly(redacted);
        assertThat(trail(other)).containsExactly(theirs);
    }
}
