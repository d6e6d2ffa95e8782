package dev.rapport.examples;

import java.util.Optional;
import java.util.List;
import dev.rapport.spi.customer.ReassignedRecords;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerMerge;
import dev.rapport.spi.customer.CustomerMerges;
import dev.rapport.spi.RapportStorage;
import dev.rapport.tck.DelegatingStorage;
import dev.rapport.spi.Transactions;
import dev.rapport.spi.feedback.FeedbackRepository;
import java.util.function.Supplier;

/**
 * A storage adapter of the kind an integrator writes: feedback goes to a table of their own survey system
 * ({@link SurveyTableFeedback}), everything else to another adapter. It shows the shape of every
 * {@link RapportStorage}: each repository, the same instance every time, and one {@link Transactions} that all of
 * them take part in. Here a transaction runs the work in the other adapter's transaction and in the survey table's,
 * so a rollback undoes the writes of both.
 *
 * <p>In a real adapter every repository would live in one database and share its transaction; two stores committed
 * one after the other can disagree if the second commit fails. The in-memory delegate cannot fail to commit, which
 * keeps this example honest.
 *
 * <p>Thread-safe, as the contract requires.
 */
public final class SurveyFeedbackStorage extends DelegatingStorage {

    private final SurveyTableFeedback surveyTable = new SurveyTableFeedback();
    private final Transactions transactions;

    /**
     * An adapter keeping feedback in its own table and everything else in the given store.
     *
     * @param delegate where customers, interactions, cases, follow-ups, agents, complaints and routing state are kept
     */
    public SurveyFeedbackStorage(RapportStorage delegate) {
        super(delegate);
        Transactions outer = delegate.transactions();
        transactions = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return outer.inTransaction(() -> surveyTable.inTransaction(work));
            }
        };
    }

    /** The survey table, to look at what Rapport wrote there. */
    public SurveyTableFeedback surveyTable() {
        return surveyTable;
    }

    @Override
    public FeedbackRepository feedback() {
        return surveyTable;
    }

    /** The other adapter's merges, with the responses in the survey table moved too. */
    @Override
    public CustomerMerges customerMerges() {
        CustomerMerges inner = super.customerMerges();
        return new CustomerMerges() {
            @Override
            public ReassignedRecords reassign(CustomerId from, CustomerId into) {
                return transactions.inTransaction(() -> {
                    ReassignedRecords moved = inner.reassign(from, into);
                    return new ReassignedRecords(moved.interactions(), moved.cases(),
                            surveyTable.reassignCustomer(from, into), moved.followUps(), moved.complaints());
                });
            }

            @Override
            public CustomerMerge retire(CustomerMerge merge) {
                return inner.retire(merge);
            }

            @Override
            public Optional<CustomerMerge> findByMerged(CustomerId merged) {
                return inner.findByMerged(merged);
            }

            @Override
            public List<CustomerMerge> findInto(CustomerId into) {
                return inner.findInto(into);
            }
        };
    }

    @Override
    public Transactions transactions() {
        return transactions;
    }
}
