package dev.rapport.examples;

import dev.rapport.tck.memory.InMemoryStorage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.rapport.Rapport;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.feedback.RecordFeedback;
import dev.rapport.spi.Channel;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.feedback.Feedback;
import java.io.PrintStream;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Bring your own storage: Rapport runs on a storage adapter written by the integrator, here
 * {@link SurveyFeedbackStorage}, which keeps feedback in a table of its own and the rest in the examples' store;
 * then the spi-tck storage contract proves the adapter right. The steps, and the rules the contract checks, are in
 * docs/adapter-guide.md.
 *
 * <p>Run it from the root of the project:
 * {@code mvn -B -q -pl examples -am test-compile exec:java -Dexec.mainClass=dev.rapport.examples.CustomStorageAdapterMain}.
 * It exits with status 1 if the adapter fails the contract.
 */
public final class CustomStorageAdapterMain {

    private CustomStorageAdapterMain() {
    }

    /**
     * Uses the adapter, runs the contract against it and prints the outcome.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        PrintStream out = System.out;

        // 1. The adapter is handed to the builder like any other. Closing the Rapport stops its background work.
        SurveyFeedbackStorage storage = new SurveyFeedbackStorage(new InMemoryStorage());
        try (Rapport rapport = Rapport.builder().storage(storage).build()) {
            useThroughRapport(rapport, storage, out);
        }

        // 3. The proof: the whole spi-tck contract against the adapter.
        out.println("Running the spi-tck storage contract against the adapter...");
        TestExecutionSummary summary = runContract(SurveyFeedbackStorageContract.class);
        out.println(describe(summary));
        summary.getFailures().forEach(failure -> out.println("  FAILED " + failure.getTestIdentifier()
                .getDisplayName() + ": " + failure.getException().getMessage()));
        out.println("Writing your own adapter: see docs/adapter-guide.md");
        if (summary.getTotalFailureCount() > 0) {
            System.exit(1);
        }
    }

    /** A rating recorded through Rapport lands in the survey table, and a rolled-back one leaves nothing there. */
    private static void useThroughRapport(Rapport rapport, SurveyFeedbackStorage storage, PrintStream out) {
        Customer ann = rapport.customers().register(RegisterCustomer.builder()
                .name("Ann Lee").identity(ContactIdentity.primary(Channel.EMAIL, "ann.lee@example.com")).build());
        Feedback rating = rapport.feedback().record(RecordFeedback.csat(ann.id(), 5).comment("Great help").build());
        out.println("Recorded CSAT " + rating.score() + " through Rapport; the survey table holds "
                + storage.surveyTable().size() + " response");
        out.println("Read back from the survey table: " + storage.surveyTable().get(rating.id()).equals(rating));

        // 2. A write that fails half-way leaves nothing behind, in the survey table either.
        try {
            rapport.storage().transactions().runInTransaction(() -> {
                rapport.feedback().record(RecordFeedback.csat(ann.id(), 1).build());
                throw new IllegalStateException("the host gives up half-way");
            });
        } catch (IllegalStateException expected) {
            out.println("After a rolled-back transaction the survey table still holds "
                    + storage.surveyTable().size() + " response");
        }
    }

    /**
     * Runs a storage contract subclass through the JUnit Platform launcher, as a build's test run would.
     *
     * @param contract the subclass of {@code RapportStorageContract} for the adapter
     * @return the counts of tests found, passed, failed, aborted and skipped, and the failures
     */
    static TestExecutionSummary runContract(Class<?> contract) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(contract))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        return listener.getSummary();
    }

    /** One line, for example {@code "spi-tck: 142 tests, 142 passed, 0 failed, 0 skipped"}. */
    static String describe(TestExecutionSummary summary) {
        return "spi-tck: " + summary.getTestsFoundCount() + " tests, " + summary.getTestsSucceededCount()
                + " passed, " + summary.getTotalFailureCount() + " failed, "
                + (summary.getTestsSkippedCount() + summary.getTestsAbortedCount()) + " skipped";
    }
}
