package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintReference;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainTextValidator;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The reusable test data is valid, reaches the contract's limits exactly, and never repeats a unique value. */
@DisplayName("Test data")
class TestDataTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void createValidator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void closeValidator() {
        factory.close();
    }

    /** Every violation of a value, as "path: message". */
    private static Set<String> violations(Object value) {
        Set<ConstraintViolation<Object>> violations = validator.validate(value);
        return violations.stream().map(v -> v.getPropertyPath() + ": " + v.getMessage()).collect(Collectors.toSet());
    }

    @Test
    @DisplayName("every aggregate it builds satisfies the aggregate's constraints, at the limits too")
    void everyAggregateIsValid() {
        // given
        CustomerId customer = CustomerId.random();
        CaseId supportCase = CaseId.random();
        AgentId agent = AgentId.random();
        InteractionId interaction = InteractionId.random();

        // when
        List<Object> all = List.of(
                TestData.customer().build(), TestData.customerWithEveryField().build(),
                TestData.customerAtLimits().build(),
                TestData.interaction(customer).build(),
                TestData.interactionWithEveryField(customer, supportCase, agent).build(),
                TestData.interactionAtLimits(customer).build(),
                TestData.supportCase(customer).build(), TestData.caseWithEveryField(customer, agent).build(),
                TestData.caseAtLimits(customer).build(),
                TestData.feedback(customer).build(),
                TestData.feedbackWithEveryField(customer, supportCase, interaction, agent).build(),
                TestData.feedbackAtLimits(customer).build(),
                TestData.followUp(customer).build(), TestData.followUpWithEveryField(customer, supportCase).build(),
                TestData.followUpAtLimits(customer).build(),
                TestData.agent().build(), TestData.agentWithEveryField().build(), TestData.agentAtLimits().build(),
                TestData.complaint(customer).build(),
                TestData.complaintWithEveryField(customer, supportCase, agent, AgentId.random()).build(),
                TestData.complaintAtLimits(customer).build(), TestData.compliment(customer, agent).build(),
                TestData.auditEntry(), TestData.auditEntryWithEveryField(), TestData.improvement(),
                TestData.routingWork(), TestData.routingWorkWithEveryField(), TestData.routingWorkAtLimits(),
                TestData.holding(supportCase, agent));

        // then
        Map<String, Set<String>> invalid = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            Set<String> violations = violations(all.get(i));
            if (!violations.isEmpty()) {
                invalid.put(i + ": " + all.get(i).getClass().getSimpleName(), violations);
            }
        }
        assertThat(invalid).isEmpty();
    }

    @Test
    @DisplayName("the data at the limits reaches every limit exactly")
    void limitsAreReachedExactly() {
        // given
        Customer customer = TestData.customerAtLimits().build();

        // when
        String summary = TestData.interactionAtLimits(customer.id()).build().summary().orElseThrow();

        // then
        assertThat(customer.name()).hasSize(Limits.NAME);
        assertThat(customer.identities()).hasSize(Limits.IDENTITIES)
                .anySatisfy(identity -> assertThat(identity.value()).hasSize(Limits.ADDRESS));
        assertThat(customer.attributes()).hasSize(Limits.ATTRIBUTES)
                .allSatisfy((key, value) -> assertThat(value).hasSize(Limits.ATTRIBUTE_VALUE));
        assertThat(summary).hasSize(Limits.TEXT);
        Complaint complaint = TestData.complaintAtLimits(customer.id()).build();
        assertThat(complaint.description()).hasSize(Limits.TEXT);
        assertThat(complaint.reference().value()).hasSize(ComplaintReference.MAX_LENGTH);
        assertThat(complaint.deadlines()).hasSize(Complaint.MAX_DEADLINES);
        assertThat(complaint.escalations()).hasSize(Complaint.MAX_ESCALATIONS);
        assertThat(complaint.rootCauses()).hasSize(50).anySatisfy(cause -> assertThat(cause).hasSize(64));
        assertThat(summary.codePoints().filter(Character::isSupplementaryCodePoint).count()).isPositive();
    }

    @Test
    @DisplayName("text of any length is plain text of exactly that length and never splits a surrogate pair")
    void textHasExactLengthAndWholeSurrogatePairs() {
        for (int length = 1; length <= 300; length++) {
            // when
            String line = TestData.text(length);
            String lines = TestData.multilineText(length);

            // then
            assertThat(line).hasSize(length);
            assertThat(lines).hasSize(length);
            assertThat(PlainTextValidator.isPlainText(line, false)).as("single line of %d", length).isTrue();
            assertThat(PlainTextValidator.isPlainText(lines, true)).as("lines of %d", length).isTrue();
        }
    }

    @Test
    @DisplayName("unique values never repeat, and times are truncated to microseconds")
    void uniqueValuesAndMicrosecondTimes() {
        // given
        int n = 2_000;

        // when
        Set<String> emails = java.util.stream.IntStream.range(0, n).mapToObj(i -> TestData.email())
                .collect(Collectors.toSet());
        Set<String> phones = java.util.stream.IntStream.range(0, n).mapToObj(i -> TestData.phone())
                .collect(Collectors.toSet());
        Customer customer = TestData.customer().build();

        // then
        assertThat(emails).hasSize(n);
        assertThat(phones).hasSize(n);
        assertThat(customer.createdAt()).isEqualTo(customer.createdAt().truncatedTo(ChronoUnit.MICROS));
        assertThat(TestData.followUp(customer.id()).build().dueAt()).isAfter(customer.createdAt());
    }
}
