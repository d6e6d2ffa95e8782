package dev.rapport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.customer.Customer;
import dev.rapport.tck.TestData;
import dev.rapport.tck.memory.InMemoryStorage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The services' key paging")
class KeyPagingTest {

    private final InMemoryStorage storage = new InMemoryStorage();

    @Test
    @DisplayName("walks every customer, agent, open case and received complaint once by key, while customers are stored")
    void walksEveryRecordOnce() {
        // given eleven customers with an open and a closed case and a received and a closed complaint each, and seven
        // agents
        List<Customer> customers = new ArrayList<>();
        List<Case> open = new ArrayList<>();
        List<Complaint> complaints = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            Customer customer = storage.customers().insert(TestData.customer().build());
            customers.add(customer);
            open.add(storage.cases().insert(TestData.supportCase(customer.id()).status(CaseStatus.OPEN).build()));
            storage.cases().insert(TestData.supportCase(customer.id()).status(CaseStatus.CLOSED).build());
            complaints.add(storage.complaints().insert(TestData.complaint(customer.id())
                    .stage(ComplaintStage.RECEIVED).build()));
            storage.complaints().insert(TestData.complaint(customer.id()).stage(ComplaintStage.CLOSED).build());
        }
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            agents.add(storage.agents().insert(TestData.agent().name("Agent " + i).build()));
        }

        try (Rapport rapport = Rapport.builder().storage(storage).build()) {
            // when each is walked in pages of 3, the customer walk storing a customer after each it reads
            List<Customer> walkedCustomers = new ArrayList<>();
            for (Customer c : PageWalk.<Customer>byKey(3,
                    (last, size) -> rapport.customers().listAfter(last.map(Customer::id), size))) {
                walkedCustomers.add(c);
                if (walkedCustomers.size() <= customers.size()) {
                    storage.customers().insert(TestData.customer().build());
                }
            }
            List<Agent> walkedAgents = new ArrayList<>();
            PageWalk.<Agent>byKey(3, (last, size) -> rapport.agents().listAfter(last.map(Agent::id), size))
                    .forEach(walkedAgents::add);
            List<Complaint> walkedComplaints = new ArrayList<>();
            PageWalk.<Complaint>byKey(3, (last, size) -> rapport.complaints().listByStageAfter(
                    EnumSet.of(ComplaintStage.RECEIVED), last.map(Complaint::id), size)).forEach(walkedComplaints::add);
            List<Case> walkedCases = new ArrayList<>();
            PageWalk.<Case>byKey(3, (last, size) -> rapport.cases().listByStatusAfter(EnumSet.of(CaseStatus.OPEN),
                    last.map(Case::id), size)).forEach(walkedCases::add);

            // then every record stored before came exactly once, and no customer twice
            assertThat(walkedCustomers).extracting(Customer::id).doesNotHaveDuplicates()
                    .containsAll(customers.stream().map(Customer::id).toList());
            assertThat(walkedAgents).extracting(Agent::id)
                    .containsExactlyInAnyOrderElementsOf(agents.stream().map(Agent::id).toList());
            assertThat(walkedComplaints).extracting(Complaint::id)
                    .containsExactlyInAnyOrderElementsOf(complaints.stream().map(Complaint::id).toList());
            assertThat(walkedCases).extracting(Case::id)
                    .containsExactlyInAnyOrderElementsOf(open.stream().map(Case::id).toList());
        }
    }

    @Test
    @DisplayName("refuses a missing position or a limit out of range, naming the field")
    void refusesBadArguments() {
        try (Rapport rapport = Rapport.builder().storage(storage).build()) {
            // when / then
            assertThatThrownBy(() -> rapport.customers().listAfter(null, 10))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("after"));
            assertThatThrownBy(() -> rapport.agents().listAfter(Optional.empty(), 0))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("limit"));
            assertThatThrownBy(() -> rapport.cases().listByStatusAfter(Set.of(CaseStatus.OPEN), Optional.empty(),
                    PageRequest.MAX_LIMIT + 1))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("limit"));
            assertThatThrownBy(() -> rapport.complaints().listByStageAfter(Set.of(ComplaintStage.RECEIVED), null, 10))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("after"));
        }
    }
}
