package dev.rapport.imports;

import static dev.rapport.imports.Exports.freshdeskMapping;
import static dev.rapport.imports.Exports.freshdeskTicket;
import static dev.rapport.imports.Exports.with;
import static dev.rapport.imports.Exports.zendesk;
import static dev.rapport.imports.Exports.zendeskMapping;
import static dev.rapport.imports.Exports.zendeskTicket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.Channel;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.testing.TestRapport;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bulk path (rows staged per chunk, stored with the storage's bulk operations) against the row path (each row in
 * its own transaction through the services): the same files give the same report, the same stored records (ids and
 * optimistic-lock versions aside) and the same events, on the in-memory adapter and on H2.
 */
@DisplayName("TicketImporter's bulk path")
class BulkImportEquivalenceTest {

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** A Zendesk-like file with everything a row can meet: new, known and repeated customers, every outcome. */
    @SuppressWarnings("unchecked")
    private static String zendeskMix() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i <= 23; i++) {
            Map<String, String> row = zendeskTicket(String.valueOf(i));
            row = with(row, "Requester email", "customer" + (i % 7) + "@example.com");
            row = with(row, "Requester", i % 3 == 0 ? "Customer " + (i % 7) : "Kunde " + (i % 7));
            row = with(row, "Subject", "Ticket " + i);
            switch (i % 6) {
                case 1 -> row = with(with(row, "Status", "Open"), "Solved at", "");
                case 2 -> row = with(row, "Status", "Closed");
                case 3 -> row = with(with(row, "Status", "Pending"), "Solved at", "");
                case 4 -> row = with(row, "Satisfaction Score", "Bad");
                case 5 -> row = with(row, "Assignee", "Omar Said");
                default -> row = with(row, "Via", "Voice");
            }
            rows.add(row);
        }
        rows.add(with(zendeskTicket("24"), "Created at", "04.03.2024 09:15")); // rejected: another format
        rows.add(with(zendeskTicket("5"), "Subject", "Again")); // rejected: the id is in the file already
        rows.add(with(zendeskTicket("25"), "Requester email", "held@example.com")); // a customer stored before
        rows.add(with(with(zendeskTicket("26"), "First reply time in minutes", "900"), "Requester email",
                "late@example.com")); // the first reply after the resolution: a warning
        return zendesk(rows.toArray(Map[]::new));
    }

    /** A Freshdesk-like file: customers by phone number only, by email and phone, closed tickets with comments. */
    @SuppressWarnings("unchecked")
    private static String freshdeskMix() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            Map<String, String> row = with(freshdeskTicket("F" + i), "Work phone", "+1 (212) 555-01" + (40 + i % 4));
            if (i % 3 == 0) {
                row = with(row, "Email", "caller" + (i % 4) + "@example.com");
            }
            if (i % 4 == 0) {
                row = with(row, "Status", "Resolved");
            }
            rows.add(row);
        }
        return Exports.csv(Exports.FRESHDESK_COLUMNS, ',', rows.toArray(Map[]::new));
    }

    /** Adds the one customer known before the import to a store with the importer's agents. */
    private static ImportStore seeded(ImportStore store) {
        store.rapport().customers().register(dev.rapport.customer.RegisterCustomer.builder().name("Held Name")
                .identity(ContactIdentity.primary(Channel.EMAIL, "held@example.com")).build());
        return store;
    }

    private static ImportStore memory() {
        return seeded(ImportStore.memory());
    }

    private static ImportStore h2() {
        return seeded(ImportStore.h2("bulk"));
    }

    /** Everything an import left, as text with ids numbered in order of appearance and versions left out. */
    private static String outcome(ImportReport report, RapportStorage storage) {
        StringBuilder text = new StringBuilder();
        text.append(report.summary()).append('\n').append(report.customersRegistered()).append('\n');
        report.rejected().forEach(r -> text.append(r).append('\n'));
        report.skipped().forEach(s -> text.append(s).append('\n'));
        report.warnings().forEach(w -> text.append(w).append('\n'));
        report.nameConflicts().forEach(c -> text.append(c).append('\n'));
        for (ImportReport.Imported row : report.imported()) {
            text.append(row).append('\n');
            Case supportCase = storage.cases().get(row.caseId());
            text.append(supportCase.withVersion(0)).append('\n');
            Customer customer = storage.customers().get(row.customerId());
            text.append(customer.withVersion(0)).append('\n');
            storage.interactions().findByCase(row.caseId()).stream()
                    .sorted(Comparator.comparing(Interaction::occurredAt).thenComparing(i -> i.direction().name()))
                    .forEach(i -> text.append(i).append('\n'));
            storage.feedback().findByCase(row.caseId()).stream().sorted(Comparator.comparing(Feedback::receivedAt))
                    .forEach(f -> text.append(f).append('\n'));
        }
        return numberIds(text.toString());
    }

    private static String numberIds(String text) {
        Map<String, String> numbers = new HashMap<>();
        Matcher ids = UUID_TEXT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (ids.find()) {
            ids.appendReplacement(out, numbers.computeIfAbsent(ids.group(), id -> "#" + numbers.size()));
        }
        return ids.appendTail(out).toString();
    }

    private static String importBoth(ImportStore store, String csv, ColumnMapping mapping, int chunkSize,
            Function<TicketImporter.Builder, TicketImporter.Builder> configure) throws IOException {
        ImportReport first = configure.apply(TicketImporter.builder(store.rapport()).mapping(mapping)
                .chunkSize(chunkSize)).build().importFrom(new StringReader(csv));
        ImportReport again = configure.apply(TicketImporter.builder(store.rapport()).mapping(mapping)
                .chunkSize(chunkSize)).build().importFrom(new StringReader(csv));
        return outcome(first, store.storage()) + "--- again\n" + outcome(again, store.storage());
    }

    @Nested
    @DisplayName("gives what the row path gives")
    class SameOutcome {

        @ParameterizedTest(name = "in chunks of {0}")
        @ValueSource(ints = {2, 5, 500})
        @DisplayName("on the in-memory adapter, for a Zendesk-like file with every outcome, and its second import")
        void zendeskInMemory(int chunkSize) throws IOException {
            // given
            String csv = zendeskMix();
            ColumnMapping mapping = zendeskMapping().build();

            // when
            String rows = importBoth(memory(), csv, mapping, 1, b -> b);
            String bulk = importBoth(memory(), csv, mapping, chunkSize, b -> b);

            // then
            assertThat(bulk).isEqualTo(rows);
            assertThat(rows).contains("27 rows: 25 imported, 0 skipped as already imported, 2 rejected")
                    .contains("27 rows: 0 imported, 25 skipped as already imported, 2 rejected");
        }

        @ParameterizedTest(name = "keeping the {0} name")
        @ValueSource(strings = {"FIRST", "LAST", "MOST_FREQUENT"})
        @DisplayName("for every rule on names that differ, with events published")
        void nameConflictsAndEvents(String rule) throws IOException {
            // given
            String csv = zendeskMix();
            ColumnMapping mapping = zendeskMapping().build();
            TestRapport byRow = new TestRapport();
            TestRapport inBulk = new TestRapport();
            Function<TicketImporter.Builder, TicketImporter.Builder> configure = b -> b
                    .nameConflicts(NameConflicts.valueOf(rule)).publishEvents(true);

            // when
            String rows = importBoth(seeded(new ImportStore(byRow.rapport(), byRow.storage()).withAgents()), csv, mapping, 1,
                    configure);
            String bulk = importBoth(seeded(new ImportStore(inBulk.rapport(), inBulk.storage()).withAgents()), csv, mapping, 4,
                    configure);

            // then
            assertThat(bulk).isEqualTo(rows);
            assertThat(numberIds(inBulk.events().events().toString()))
                    .isEqualTo(numberIds(byRow.events().events().toString()));
            assertThat(inBulk.events().publications()).noneMatch(p -> p.duringTransaction());
        }

        @Test
        @DisplayName("on H2 through the JDBC adapter's batches, for Zendesk-like and Freshdesk-like files")
        void onH2() throws IOException {
            // given
            ImportStore rowsStore = h2();
            ImportStore bulkStore = h2();

            // when
            String rows = importBoth(rowsStore, zendeskMix(), zendeskMapping().build(), 1, b -> b)
                    + importBoth(rowsStore, freshdeskMix(), freshdeskMapping().build(), 1, b -> b);
            String bulk = importBoth(bulkStore, zendeskMix(), zendeskMapping().build(), 3, b -> b)
                    + importBoth(bulkStore, freshdeskMix(), freshdeskMapping().build(), 3, b -> b);

            // then
            assertThat(bulk).isEqualTo(rows);
            assertThat(rows).contains("9 rows: 9 imported");
        }
    }

    @Nested
    @DisplayName("chooses its path")
    class Choice {

        @Test
        @DisplayName("takes the bulk path on storage that prefers bulk writes, and the row path elsewhere")
        void byStorage() throws IOException {
            // given a store whose bulk insert of cases fails, behind the JDBC adapter
            ImportStore store = h2();
            TestRapport memory = new TestRapport();
            seeded(new ImportStore(memory.rapport(), memory.storage()).withAgents());
            memory.storage().failNext("cases.insertAll", 1, () -> new StorageException("disk full"));

            // when the in-memory adapter (which does not prefer bulk writes) imports by default
            ImportReport report = TicketImporter.builder(memory.rapport()).mapping(zendeskMapping().build()).build()
                    .importFrom(new StringReader(zendesk(zendeskTicket("1"))));

            // then it never asked for bulk inserts, and the JDBC adapter is told to prefer them
            assertThat(report.imported()).hasSize(1);
            assertThat(store.storage().prefersBulkWrites()).isTrue();
            assertThat(memory.storage().prefersBulkWrites()).isFalse();
        }

        @Test
        @DisplayName("writes a chunk that cannot be stored in bulk row by row, so one failing write ends the run "
                + "keeping the rows before it")
        void chunkFallsBackToRows() throws IOException {
            // given the bulk insert of the chunk's cases fails once, and the second row's CSAT answer cannot be stored
            TestRapport t = new TestRapport();
            seeded(new ImportStore(t.rapport(), t.storage()).withAgents());
            t.storage().failNext("cases.insertAll", 1, () -> new StorageException("disk full"));
            t.storage().answerNext("feedback.insert", 1, args -> t.storage().delegate().feedback()
                    .insert((Feedback) args[0]));
            t.storage().failNext("feedback.insert", 1, () -> new StorageException("disk full"));
            String csv = zendesk(zendeskTicket("1"), with(zendeskTicket("2"), "Requester email", "bob@example.com"));

            // when
            assertThatThrownBy(() -> TicketImporter.builder(t.rapport()).mapping(zendeskMapping().build())
                    .chunkSize(500).build().importFrom(new StringReader(csv))).isInstanceOf(StorageException.class);

            // then
            assertThat(t.snapshot().cases()).hasSize(1);
            assertThat(t.snapshot().customers()).extracting(Customer::name).containsExactlyInAnyOrder("Held Name", "Ann Lee");
            assertThat(t.snapshot().interactions()).extracting(i -> i.externalId().orElseThrow())
                    .containsExactlyInAnyOrder("zendesk:1", "zendesk:1/first-reply");
        }

        @Test
        @DisplayName("refuses a chunk size below 1, naming it")
        void chunkSizeChecked() {
            // when / then
            assertThatThrownBy(() -> TicketImporter.builder(new TestRapport().rapport())
                    .mapping(zendeskMapping().build()).chunkSize(0).build())
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(ValidationException.Violation::field).containsExactly("chunkSize"));
        }
    }
}
