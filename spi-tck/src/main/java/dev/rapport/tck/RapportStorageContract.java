package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.RapportStorage;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The storage contract as executable tests: every storage adapter subclasses this class, returns a fresh, empty store
 * from {@link #createStorage()} and must pass every test. The tests check exactly what the Javadoc of
 * {@link RapportStorage} and of each repository port promises, grouped in {@code @Nested} classes per aggregate and
 * per concern: customers, interactions, cases, feedback, follow-ups (with claims), agents (with their change feed),
 * routing state, complaints (with their audit trails, reference sequence and improvement items), redaction for
 * erasure, transactions, concurrency and pagination. Each group's tests live in their own file of this package
 * ({@link CustomerContract}, {@link FollowUpContract}, ...); the nested classes at the end of this class only wire
 * them to the store of the running test.
 *
 * <p>An adapter that legitimately lacks something declares it through {@link #capabilities()}; the tests that need
 * it are then skipped, visibly, through JUnit assumptions. Never override a test to silence it.
 *
 * <p>Test data comes from {@link TestData}: instants are truncated to microseconds, the precision the contract
 * promises. Due times and leases are set an hour before or after {@link Instant#now()}, because a store's clock (a
 * database's) cannot be controlled; the store's clock must therefore be within a minute of the test's. Aggregates
 * referred to by id (customer, case, agent, interaction) are always stored before the aggregates that refer to them,
 * so adapters may enforce foreign keys.
 *
 * <p>One instance runs one test, as JUnit does by default; the class is not meant to be shared between threads.
 */
public abstract class RapportStorageContract {

    private RapportStorage storage;

    /**
     * Creates the store under test. Called before each test; must return a fresh, empty store (for a database: empty
     * tables), whose repositories and transactions are ready to use.
     *
     * @return a fresh, empty store
     */
    protected abstract RapportStorage createStorage();

    /**
     * What the adapter can do. Tests that need a capability missing from this set are skipped through a JUnit
     * assumption. Default: every {@link StorageCapability}.
     *
     * @return the adapter's capabilities
     */
    protected Set<StorageCapability> capabilities() {
        return EnumSet.allOf(StorageCapability.class);
    }

    /**
     * How many generated values the value-domain group writes in its generated test, spread evenly over customers,
     * interactions, cases, feedback, follow-ups and complaints; it writes as many agents again as each of those gets
     * (a sixth of this on top). Default {@value #DEFAULT_VALUE_DOMAIN_TRIES}; a fast store may raise it (the in-memory
     * reference adapter runs 60,000), a slow one lower it.
     *
     * @return the number of writes; at least 6
     */
    protected int valueDomainTries() {
        return DEFAULT_VALUE_DOMAIN_TRIES;
    }

    /** The default of {@link #valueDomainTries()}: 100 per entity. */
    public static final int DEFAULT_VALUE_DOMAIN_TRIES = 600;

    /**
     * The system property that, when set to a number, overrides {@link #valueDomainTries()} for every adapter: the
     * value-domain group's generated test then writes that many values per entity (six entities, and agents). Unset
     * by default; {@code -Drapport.tries=10000} runs the 10,000 tries per entity of issue 15 (see docs/reliability.md).
     * The same property sets the tries of Rapport's own jqwik command properties.
     */
    public static final String TRIES_PROPERTY = "rapport.tries";

    /**
     * The number of generated writes the value-domain group makes: six times {@value #TRIES_PROPERTY} when that
     * system property is set, else {@link #valueDomainTries()}; at least 6. Agents get a sixth of it on top.
     *
     * @return the number of generated writes
     * @throws IllegalStateException if the system property is set but not a positive number
     */
    protected final int effectiveValueDomainTries() {
        String configured = System.getProperty(TRIES_PROPERTY);
        if (configured == null || configured.isBlank()) {
            return Math.max(6, valueDomainTries());
        }
        try {
            int perEntity = Integer.parseInt(configured.trim());
            if (perEntity < 1) {
                throw new NumberFormatException("not positive");
            }
            return Math.max(6, Math.multiplyExact(perEntity, 6));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalStateException("system property " + TRIES_PROPERTY + " must be a positive number of tries"
                    + " per entity, was '" + configured + "'", e);
        }
    }

    @BeforeEach
    final void createFreshStorage() {
        storage = createStorage();
        assertThat(storage).as("createStorage() must return a store").isNotNull();
    }

    /**
     * The store of the running test, as returned by {@link #createStorage()}.
     *
     * @return the store created for the running test
     */
    protected final RapportStorage storage() {
        return storage;
    }

    /**
     * Skips the running test unless the adapter declares the capability.
     *
     * @param capability the capability the running test needs
     */
    protected final void requires(StorageCapability capability) {
        Assumptions.assumeTrue(capabilities().contains(capability),
                () -> "the adapter does not declare " + capability);
    }

    // ================================================================================================== customers

    /** The group "Customers"; the tests are in {@link CustomerContract}. */
    @Nested
    @DisplayName("Customers")
    class CustomerTests extends CustomerContract {
        CustomerTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    // ===================================================================================== tags and custom fields

    /** Tags and custom field values of cases and customers; the tests are in {@link TagsAndFieldsContract}. */
    @Nested
    @DisplayName("Tags and custom fields")
    class TagsAndFieldsTests extends TagsAndFieldsContract {
        TagsAndFieldsTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    // ============================================================================================== audit trails

    /** The audit trails of customers and cases; the tests are in {@link AuditTrailContract}. */
    @Nested
    @DisplayName("Audit trails")
    class AuditTrailTests extends AuditTrailContract {
        AuditTrailTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    // ================================================================================================ bulk writes

    /** The bulk operations of bulk writers such as imports; the tests are in {@link BulkWriteContract}. */
    @Nested
    @DisplayName("Bulk writes")
    class BulkWriteTests extends BulkWriteContract {
        BulkWriteTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    // ============================================================================================ customer merges

    /** The group "Customer merges"; the tests are in {@link CustomerMergeContract}. */
    @Nested
    @DisplayName("Customer merges")
    class CustomerMergeTests extends CustomerMergeContract {
        CustomerMergeTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    // =============================================================================================== interactions

    /** The group "Interactions"; the tests are in {@link InteractionContract}. */
    @Nested
    @DisplayName("Interactions")
    class InteractionTests extends InteractionContract {
        InteractionTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    // ====================================================================================================== cases

    /** The group "Cases"; the tests are in {@link CaseContract}. */
    @Nested
    @DisplayName("Cases")
    class CaseTests extends CaseContract {
        CaseTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    // =================================================================================================== feedback

    /** The group "Feedback"; the tests are in {@link FeedbackContract}. */
    @Nested
    @DisplayName("Feedback")
    class FeedbackTests extends FeedbackContract {
        FeedbackTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    /** The group "Survey answers"; the tests are in {@link SurveyAnswerContract}. */
    @Nested
    @DisplayName("Survey answers")
    class SurveyAnswerTests extends SurveyAnswerContract {
        SurveyAnswerTests() {
            super(RapportStorageContract.this::storage, RapportStorageContract.this::capabilities);
        }
    }

    // ================================================================================================= follow-ups

    /** The group "Follow-ups"; the tests are in {@link FollowUpContract}. */
    @Nested
    @DisplayName("Follow-ups")
    class FollowUpTests extends FollowUpContract {
        FollowUpTests() {
            super(RapportStorageContract.this::storage, RapportStorageContract.this::capabilities);
        }
    }

    // ===================================================================================================== agents

    /** The group "Agents"; the tests are in {@link AgentContract}. */
    @Nested
    @DisplayName("Agents")
    class AgentTests extends AgentContract {
        AgentTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    // ==================================================================================================== routing

    /** The group "Routing state"; the tests are in {@link RoutingContract}. */
    @Nested
    @DisplayName("Routing state")
    class RoutingTests extends RoutingContract {
        RoutingTests() {
            super(RapportStorageContract.this::storage, RapportStorageContract.this::capabilities);
        }
    }

    // ================================================================================================= complaints

    /** The group "Complaints"; the tests are in {@link ComplaintContract}. */
    @Nested
    @DisplayName("Complaints")
    class ComplaintTests extends ComplaintContract {
        ComplaintTests() {
            super(RapportStorageContract.this::storage, RapportStorageContract.this::capabilities);
        }
    }

    // ================================================================================================== redaction

    /** The group "RedactionContract"; the tests are in {@link RedactionContract}. */
    @Nested
    @DisplayName("RedactionContract")
    class RedactionTests extends RedactionContract {
        RedactionTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    // ======================================================================================= automations and actors

    /** The group "Automations and actors"; the tests are in {@link AutomationContract}. */
    @Nested
    @DisplayName("Automations and actors")
    class AutomationTests extends AutomationContract {
        AutomationTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    // =============================================================================================== transactions

    /** The group "Transactions"; the tests are in {@link TransactionContract}. */
    @Nested
    @DisplayName("Transactions")
    class TransactionTests extends TransactionContract {
        TransactionTests() {
            super(RapportStorageContract.this::storage, RapportStorageContract.this::capabilities);
        }
    }

    // ================================================================================================ concurrency

    /** The group "Concurrency"; the tests are in {@link ConcurrencyContract}. */
    @Nested
    @DisplayName("Concurrency")
    class ConcurrencyTests extends ConcurrencyContract {
        ConcurrencyTests() {
            super(RapportStorageContract.this::storage, RapportStorageContract.this::capabilities);
        }
    }

    // ================================================================================================= pagination

    /** The group "Pagination"; the tests are in {@link PaginationContract}. */
    @Nested
    @DisplayName("Pagination")
    class PaginationTests extends PaginationContract {
        PaginationTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    // ------------------------------------------------------------------------------------------------ value domain

    /** The group "value domain"; the tests are in {@link ValueDomainContract}. */
    @Nested
    @DisplayName("value domain")
    class ValueDomainTests extends ValueDomainContract {
        ValueDomainTests() {
            super(RapportStorageContract.this::storage, RapportStorageContract.this::effectiveValueDomainTries);
        }
    }

    // ============================================================================================ health standings

    /** The group "Health standings"; the tests are in {@link HealthStandingContract}. */
    @Nested
    @DisplayName("Health standings")
    class HealthStandingTests extends HealthStandingContract {
        HealthStandingTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    /** The group "Call details and churn reasons"; the tests are in {@link CallAndChurnDetailsContract}. */
    @Nested
    @DisplayName("Call details and churn reasons")
    class CallAndChurnDetailsTests extends CallAndChurnDetailsContract {
        CallAndChurnDetailsTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    // ================================================================================== customers by creation time

    /** Customers found and walked by creation time, then id; the tests are in {@link CustomerCreationOrderContract}. */
    @Nested
    @DisplayName("Customers by creation time")
    class CustomerCreationOrderTests extends CustomerCreationOrderContract {
        CustomerCreationOrderTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    // ==================================================================================== missing routing work

    /** Waiting work that is missing when changed by version; the tests are in {@link RoutingWorkMissingContract}. */
    @Nested
    @DisplayName("Missing routing work")
    class RoutingWorkMissingTests extends RoutingWorkMissingContract {
        RoutingWorkMissingTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    // ========================================================================================= follow-up origins

    /** The rule and occasion date of follow-ups; the tests are in {@link FollowUpOriginContract}. */
    @Nested
    @DisplayName("Follow-up origins")
    class FollowUpOriginTests extends FollowUpOriginContract {
        FollowUpOriginTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    // =============================================================================== cases in statuses by key

    /** Cases in some statuses walked by key; the tests are in {@link CaseStatusKeyContract}. */
    @Nested
    @DisplayName("Cases in some statuses by key")
    class CaseStatusKeyTests extends CaseStatusKeyContract {
        CaseStatusKeyTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    // ========================================================================== complaints in stages by key

    /** Complaints in some stages walked by key; the tests are in {@link ComplaintStageKeyContract}. */
    @Nested
    @DisplayName("Complaints in some stages by key")
    class ComplaintStageKeyTests extends ComplaintStageKeyContract {
        ComplaintStageKeyTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    // ========================================================================== follow-ups in statuses and agents by key

    /** Follow-ups in some statuses walked by key; the tests are in {@link FollowUpStatusKeyContract}. */
    @Nested
    @DisplayName("Follow-ups in some statuses by key")
    class FollowUpStatusKeyTests extends FollowUpStatusKeyContract {
        FollowUpStatusKeyTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    /** Follow-ups of one kind and status due in a range, walked by key; the tests are in {@link FollowUpDueKeyContract}. */
    @Nested
    @DisplayName("Follow-ups due in a range by key")
    class FollowUpDueKeyTests extends FollowUpDueKeyContract {
        FollowUpDueKeyTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    /** Every agent walked by key; the tests are in {@link AgentKeyContract}. */
    @Nested
    @DisplayName("Agents by key")
    class AgentKeyTests extends AgentKeyContract {
        AgentKeyTests() {
            super(RapportStorageContract.this::storage);
        }
    }
}
