package dev.rapport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.Transactions;
import dev.rapport.tck.DelegatingStorage;
import dev.rapport.tck.RapportStorageContract;
import dev.rapport.tck.memory.InMemoryStorage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

@DisplayName("CustomStorageAdapterMain")
class CustomStorageAdapterMainTest {

    @Test
    @DisplayName("runs Rapport on the example adapter and the whole storage contract against it, which passes")
    void adapterPassesTheContract() {
        // given
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));

        // when
        try {
            CustomStorageAdapterMain.main(new String[0]);
        } finally {
            System.setOut(original);
        }

        // then
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output.lines()).containsSubsequence(
                "Recorded CSAT 5 through Rapport; the survey table holds 1 response",
                "Read back from the survey table: true",
                "After a rolled-back transaction the survey table still holds 1 response",
                "Running the spi-tck storage contract against the adapter...",
                "Writing your own adapter: see docs/adapter-guide.md");
        Matcher summary = Pattern.compile("spi-tck: (\\d+) tests, (\\d+) passed, 0 failed, 0 skipped").matcher(output);
        assertThat(summary.find()).as("a summary line with no failures in:%n%s", output).isTrue();
        assertThat(Integer.parseInt(summary.group(1))).isGreaterThanOrEqualTo(100)
                .isEqualTo(Integer.parseInt(summary.group(2)));
    }

    @Test
    @DisplayName("reports failures when the adapter's feedback table ignores rollbacks, so the proof can fail")
    void contractCatchesABrokenAdapter() {
        // when
        TestExecutionSummary summary = CustomStorageAdapterMain.runContract(RollbackIgnoringContract.class);

        // then
        assertThat(summary.getTotalFailureCount()).isPositive();
        assertThat(summary.getFailures()).anySatisfy(failure -> assertThat(failure.getTestIdentifier()
                .getDisplayName()).contains("rolled-back transaction leaves no insert behind"));
        assertThat(CustomStorageAdapterMain.describe(summary)).doesNotContain(" 0 failed");
    }

    /** The example adapter with its survey table left out of the transactions: its inserts survive rollbacks. */
    static class RollbackIgnoringContract extends RapportStorageContract {
        @Override
        protected RapportStorage createStorage() {
            InMemoryStorage rest = new InMemoryStorage();
            SurveyFeedbackStorage adapter = new SurveyFeedbackStorage(rest);
            return new DelegatingStorage(adapter) {
                @Override
                public Transactions transactions() {
                    return rest.transactions(); // the survey table is left out of transactions: the bug
                }
            };
        }
    }
}
