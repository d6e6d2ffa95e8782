package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseNotFoundException;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.CreationTimeQuality;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Cases: round trips with history, versions, unique ids, queries by customer, status and creation time.
 *
 * <p>Run by {@link RapportStorageContract} as its nested group "Cases"; not meant to be run on its own.
 */
public abstract class CaseContract extends StorageGroup {

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected CaseContract(Supplier<RapportStorage> storage) {
        super(storage);
    }

    @Test
    @DisplayName("findAllById returns every stored case among the ids, history included, and skips unknown ids")
    void findAllCasesById() {
        // given
        Customer customer = storedCustomer();
        Agent agent = storedAgent();
        Case full = cases().insert(TestData.caseWithEveryField(customer.id(), agent.id()).build());
        Case plain = storedCase(customer.id());
        Case other = storedCase(customer.id());

        // when
        Map<CaseId, Case> found = cases().findAllById(List.of(full.id(), CaseId.random(), plain.id(), full.id()));

        // then
        assertThat(found).containsOnly(Map.entry(full.id(), full), Map.entry(plain.id(), plain))
                .doesNotContainKey(other.id());
        assertThat(cases().findAllById(List.of())).isEmpty();
    }

    @Test
    @DisplayName("a case with every field set, history included, comes back exactly as stored with version 1")
    void caseWithEveryFieldRoundTrips() {
        // given
        Customer customer = storedCustomer();
        Agent agent = storedAgent();
        Case supportCase = TestData.caseWithEveryField(customer.id(), agent.id()).version(3).build();

        // when
        Case stored = cases().insert(supportCase);

        // then
        assertThat(stored).isEqualTo(supportCase.withVersion(1));
        assertThat(cases().findById(supportCase.id())).contains(supportCase.withVersion(1));
        assertThat(stored.history()).hasSize(6);
    }

    @Test
    @DisplayName("a case with every optional empty comes back with them empty")
    void caseWithEmptyOptionalsRoundTrips() {
        // given
        Customer customer = storedCustomer();
        Instant now = TestData.now();
        Case supportCase = Case.builder().id(CaseId.random()).customerId(customer.id()).subject("?")
                .originChannel(Channel.IN_PERSON).createdAt(now).updatedAt(now).build();

        // when
        cases().insert(supportCase);

        // then
        Case found = cases().get(supportCase.id());
        assertThat(found).isEqualTo(supportCase.withVersion(1));
        assertThat(found.history()).isEmpty();
        assertThat(found.requiredSkills()).isEmpty();
        assertThat(found.language()).isEmpty();
        assertThat(found.firstReplyAt()).isEmpty();
    }

    @Test
    @DisplayName("a subject of 500 characters with emoji and 50 required skills round-trip")
    void caseAtLimitsRoundTrips() {
        // given
        Customer customer = storedCustomer();
        Case supportCase = TestData.caseAtLimits(customer.id()).build();

        // when
        cases().insert(supportCase);

        // then
        assertThat(cases().get(supportCase.id())).isEqualTo(supportCase.withVersion(1));
    }

    @Test
    @DisplayName("every case status and priority round-trips")
    void everyCaseStatusAndPriorityRoundTrips() {
        // given
        Customer customer = storedCustomer();
        List<Case> all = new ArrayList<>();
        for (CaseStatus status : CaseStatus.values()) {
            for (Priority priority : Priority.values()) {
                all.add(TestData.supportCase(customer.id()).status(status).priority(priority).build());
            }
        }

        // when
        all.forEach(cases()::insert);

        // then
        for (Case supportCase : all) {
            assertThat(cases().get(supportCase.id())).isEqualTo(supportCase.withVersion(1));
        }
    }

    @Test
    @DisplayName("every creation-time quality round-trips, and a lifecycle update keeps it")
    void creationTimeQualityRoundTrips() {
        // given
        Customer customer = storedCustomer();
        List<Case> all = new ArrayList<>();
        for (CreationTimeQuality quality : CreationTimeQuality.values()) {
            all.add(TestData.supportCase(customer.id()).createdAtQuality(quality).build());
        }

        // when
        all.forEach(cases()::insert);
        List<Case> found = all.stream().map(c -> cases().get(c.id())).toList();
        Case unknown = found.get(found.size() - 1);
        Case moved = cases().update(unknown.moveTo(CaseStatus.OPEN, unknown.createdAt().plusSeconds(10)));

        // then
        assertThat(found).isEqualTo(all.stream().map(c -> c.withVersion(1)).toList());
        assertThat(moved.createdAtQuality()).isEqualTo(CreationTimeQuality.UNKNOWN);
        assertThat(cases().get(moved.id()).createdAtQuality()).isEqualTo(CreationTimeQuality.UNKNOWN);
        assertThat(Case.builder().build().createdAtQuality()).isEqualTo(CreationTimeQuality.RECORDED);
    }

    @Test
    @DisplayName("each lifecycle update raises the version by one and keeps the growing history")
    void caseUpdatesThroughItsLifecycle() {
        // given
        Customer customer = storedCustomer();
        Case v1 = storedCase(customer.id());
        Instant created = v1.createdAt();

        // when
        Case v2 = cases().update(v1.moveTo(CaseStatus.OPEN, created.plusSeconds(10)));
        Case v3 = cases().update(v2.moveTo(CaseStatus.RESOLVED, created.plusSeconds(20)));
        Case v4 = cases().update(v3.moveTo(CaseStatus.OPEN, created.plusSeconds(30)));

        // then
        assertThat(List.of(v2.version(), v3.version(), v4.version())).containsExactly(2L, 3L, 4L);
        Case found = cases().get(v1.id());
        assertThat(found).isEqualTo(v4);
        assertThat(found.history()).extracting(h -> h.to())
                .containsExactly(CaseStatus.OPEN, CaseStatus.RESOLVED, CaseStatus.OPEN);
        assertThat(found.firstResolvedAt()).contains(created.plusSeconds(20));
        assertThat(found.resolvedAt()).isEmpty();
        assertThat(found.reopenCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("an update based on a stale version is rejected and changes nothing")
    void staleCaseUpdateIsRejected() {
        // given
        Customer customer = storedCustomer();
        Case v1 = storedCase(customer.id());
        Case v2 = cases().update(v1.moveTo(CaseStatus.OPEN, v1.createdAt().plusSeconds(1)));

        // when
        StaleVersionException thrown = catchThrowableOfType(StaleVersionException.class,
                () -> cases().update(v1.moveTo(CaseStatus.RESOLVED, v1.createdAt().plusSeconds(2))));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.id()).isEqualTo(v1.id().toString());
        assertThat(thrown.expectedVersion()).isEqualTo(1);
        assertThat(cases().get(v1.id())).isEqualTo(v2);
    }

    @Test
    @DisplayName("updating an unknown case throws CaseNotFoundException with its id and stores nothing")
    void updatingUnknownCaseThrowsNotFound() {
        // given
        Customer customer = storedCustomer();
        Case unknown = TestData.supportCase(customer.id()).version(1).build();

        // when
        CaseNotFoundException thrown = catchThrowableOfType(CaseNotFoundException.class,
                () -> cases().update(unknown));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.caseId()).isEqualTo(unknown.id());
        assertThat(cases().findById(unknown.id())).isEmpty();
    }

    @Test
    @DisplayName("an unknown id finds nothing, and get throws CaseNotFoundException with the id")
    void unknownCaseIsNotFound() {
        // given
        CaseId unknown = CaseId.random();

        // when
        CaseNotFoundException thrown = catchThrowableOfType(CaseNotFoundException.class,
                () -> cases().get(unknown));

        // then
        assertThat(cases().findById(unknown)).isEmpty();
        assertThat(thrown).isNotNull();
        assertThat(thrown.caseId()).isEqualTo(unknown);
    }

    @Test
    @DisplayName("a second case with the same id is rejected on key \"id\" and the first stays as it was")
    void duplicateCaseIdIsRejected() {
        // given
        Customer customer = storedCustomer();
        Case first = storedCase(customer.id());

        // when
        DuplicateEntityException thrown = catchThrowableOfType(DuplicateEntityException.class,
                () -> cases().insert(TestData.supportCase(customer.id()).id(first.id()).subject("Other").build()));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.keyName()).isEqualTo("id");
        assertThat(cases().get(first.id())).isEqualTo(first);
    }

    @Test
    @DisplayName("a customer's cases come in creation order, without other customers' cases")
    void casesOfACustomerInCreationOrder() {
        // given
        Customer customer = storedCustomer();
        Customer other = storedCustomer();
        Case later = cases().insert(TestData.supportCase(customer.id()).createdAt(T0.plusSeconds(60)).build());
        Case earlier = cases().insert(TestData.supportCase(customer.id()).createdAt(T0).build());
        cases().insert(TestData.supportCase(other.id()).createdAt(T0).build());

        // when
        Page<Case> found = cases().findByCustomer(customer.id(), PageRequest.first());

        // then
        assertThat(found.items()).containsExactly(earlier, later);
        assertThat(cases().findByCustomer(CustomerId.random(), PageRequest.first()).items()).isEmpty();
    }

    @Test
    @DisplayName("cases are found by any of several statuses, in creation order; no status finds none")
    void casesFoundByAnyOfSeveralStatuses() {
        // given
        Customer customer = storedCustomer();
        Map<CaseStatus, Case> byStatus = new HashMap<>();
        int i = 0;
        for (CaseStatus status : CaseStatus.values()) {
            byStatus.put(status, cases().insert(TestData.supportCase(customer.id()).status(status)
                    .createdAt(T0.minusSeconds(i++)).build()));
        }

        // when
        Page<Case> found = cases().findByStatus(EnumSet.of(CaseStatus.OPEN, CaseStatus.RESOLVED),
                PageRequest.first());

        // then
        assertThat(found.items()).containsExactly(byStatus.get(CaseStatus.RESOLVED),
                byStatus.get(CaseStatus.OPEN));
        assertThat(cases().findByStatus(Set.of(CaseStatus.CLOSED), PageRequest.first()).items())
                .containsExactly(byStatus.get(CaseStatus.CLOSED));
        assertThat(cases().findByStatus(Set.of(), PageRequest.first()).items()).isEmpty();
    }

    @Test
    @DisplayName("cases are found by creation time in a half-open range [from, to)")
    void casesCreatedInHalfOpenRange() {
        // given
        Customer customer = storedCustomer();
        List<Case> stored = new ArrayList<>();
        for (Instant at : aroundRange()) {
            stored.add(cases().insert(TestData.supportCase(customer.id()).createdAt(at).updatedAt(at).build()));
        }

        // when
        Page<Case> found = cases().findCreatedBetween(theRange(), PageRequest.first());

        // then
        assertThat(found.items()).containsExactly(stored.get(1), stored.get(2), stored.get(3));
        assertThat(cases().findCreatedBetween(TimeRange.ALL, PageRequest.first()).items())
                .containsExactlyElementsOf(stored);
    }
}
