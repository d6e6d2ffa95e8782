package dev.rapport.examples;

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

    @Override
    public Transactions transactions() {
        return transactions;
    }
}
