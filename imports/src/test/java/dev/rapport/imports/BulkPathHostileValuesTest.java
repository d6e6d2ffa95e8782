package dev.rapport.imports;

import static dev.rapport.imports.Exports.freshdeskMapping;
import static dev.rapport.imports.Exports.freshdeskTicket;
import static dev.rapport.imports.Exports.with;
import static dev.rapport.imports.Exports.zendesk;
import static dev.rapport.imports.Exports.zendeskMapping;
import static dev.rapport.imports.Exports.zendeskTicket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.validation.Limits;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hostile value in each field the bulk path no longer hands to Hibernate Validator when it plainly passes
 * ({@link CheckedCommands}): the bulk path rejects or warns about the row exactly as the row path does, under the
 * import's own field name, and stores the same rows.
 */
@DisplayName("TicketImporter's bulk path, given hostile values")
class BulkPathHostileValuesTest {

    /** Values that break a rule of the commands, or sit on either side of a limit, or pass only the validator. */
    private static List<String> hostile(int limit) {
        return List.of("a\u0000b", "a\u0007b", "a\u007fb", "a\u0085b", "a\ud83d", "\ude00a", "a\tb", "a\nb",
                "x".repeat(limit), "x".repeat(limit + 1), "é".repeat(limit + 1), "\u00a0", "\u200b", "Zustellung-ä",
                "Bad group!", "-lead", "\u0663");
    }

    /** Each field of the Zendesk-like layout whose value the commands constrain, with its limit. */
    static Stream<Arguments> zendeskFields() {
        return Stream.of(Arguments.of("Requester", Limits.NAME), Arguments.of("Subject", Limits.SUBJECT),
                Arguments.of("Group", 64), Arguments.of("Description", Limits.TEXT),
                Arguments.of("Id", Limits.KEY - "zendesk:".length() - RowParser.FIRST_REPLY_SUFFIX.length()));
    }

    private static ImportStore memory() {
        return ImportStore.memory();
    }

    private static ImportStore h2() {
        return ImportStore.h2("hostile");
    }

    /** The report of an import as text (rejections and warnings with their fields), and the cases stored. */
    private static String imported(Supplier<ImportStore> stores, String csv, ColumnMapping mapping, int chunkSize)
            throws IOException {
        ImportStore store = stores.get();
        ImportReport report = TicketImporter.builder(store.rapport()).mapping(mapping).chunkSize(chunkSize).build()
                .importFrom(new StringReader(csv));
        StringBuilder text = new StringBuilder(report.summary()).append('\n');
        report.rejected().forEach(r -> text.append(r.line()).append(' ').append(r.reasons()).append('\n'));
        report.warnings().forEach(w -> text.append(w.line()).append(' ').append(w.field()).append(' ')
                .append(w.rule()).append(' ').append(w.message()).append('\n'));
        report.imported().forEach(i -> text.append(i.line()).append(' ').append(i.ticketId()).append(' ')
                .append(store.storage().cases().get(i.caseId()).subject()).append(' ')
                .append(store.storage().cases().get(i.caseId()).category()).append('\n'));
        return text.toString();
    }

    @ParameterizedTest(name = "in column {0}")
    @MethodSource("zendeskFields")
    @DisplayName("rejects or keeps each row as the row path does, naming the import's field")
    @SuppressWarnings("unchecked")
    void sameAsTheRowPath(String column, int limit) throws IOException {
        // given a file of good rows and one row per hostile value in the column
        List<Map<String, String>> rows = new ArrayList<>();
        rows.add(zendeskTicket("1"));
        int id = 2;
        for (String value : hostile(limit)) {
            String ticket = column.equals("Id") ? value : String.valueOf(id++);
            rows.add(with(with(zendeskTicket(ticket), column, value), "Requester email",
                    "c" + rows.size() + "@example.com"));
        }
        rows.add(zendeskTicket("999"));
        String csv = zendesk(rows.toArray(Map[]::new));
        ColumnMapping mapping = zendeskMapping().build();

        // when the file is imported on the row path and on the bulk path
        String byRow = imported(BulkPathHostileValuesTest::memory, csv, mapping, 1);
        String inBulk = imported(BulkPathHostileValuesTest::memory, csv, mapping, 500);

        // then both give the same report and store the same cases, and the hostile values are refused under the
        // import's field name
        assertThat(inBulk).isEqualTo(byRow);
        String field = switch (column) {
            case "Requester" -> "customerName";
            case "Subject" -> "subject";
            case "Group" -> "category";
            case "Description" -> "messageText";
            default -> "ticketId";
        };
        if (field.equals("category")) {
            assertThat(byRow).contains(field + ": '").contains("(Code)");
        } else {
            assertThat(byRow).contains(field + ": must not contain control characters or unpaired surrogates"
                    + " (PlainText)").containsPattern("\\[" + field + ": [^\\]]*\\(Size\\)\\]");
        }
    }

    @Test
    @DisplayName("on H2, rejects hostile subjects and drops hostile comments with a warning as the row path does")
    @SuppressWarnings("unchecked")
    void sameOnH2() throws IOException {
        // given a Zendesk-like file with hostile subjects and a Freshdesk-like one with hostile CSAT comments
        List<Map<String, String>> subjects = new ArrayList<>();
        List<Map<String, String>> comments = new ArrayList<>();
        int id = 1;
        for (String value : hostile(Limits.TEXT)) {
            subjects.add(with(zendeskTicket(String.valueOf(id)), "Subject", value));
            comments.add(with(freshdeskTicket("F" + id), "Satisfaction comment", value));
            id++;
        }
        String zendeskCsv = zendesk(subjects.toArray(Map[]::new));
        String freshdeskCsv = Exports.csv(Exports.FRESHDESK_COLUMNS, ',', comments.toArray(Map[]::new));

        // when each is imported on the row path and on the bulk path into H2
        String subjectsByRow = imported(BulkPathHostileValuesTest::h2, zendeskCsv, zendeskMapping().build(), 1);
        String subjectsInBulk = imported(BulkPathHostileValuesTest::h2, zendeskCsv, zendeskMapping().build(), 500);
        String commentsByRow = imported(BulkPathHostileValuesTest::h2, freshdeskCsv, freshdeskMapping().build(), 1);
        String commentsInBulk = imported(BulkPathHostileValuesTest::h2, freshdeskCsv, freshdeskMapping().build(),
                500);

        // then the reports agree, naming the import's fields
        assertThat(subjectsInBulk).isEqualTo(subjectsByRow).contains("subject: must not contain control characters");
        assertThat(commentsInBulk).isEqualTo(commentsByRow).contains("csatComment ControlCharacters")
                .contains("csatComment Size size must be between 0 and 100000; the value is dropped");
    }
}
