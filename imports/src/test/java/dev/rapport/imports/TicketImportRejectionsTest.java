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
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.testing.StoreSnapshot;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("TicketImporter, rejections")
class TicketImportRejectionsTest extends TicketImportFixtures {

    @Nested
    @DisplayName("rejected rows")
    class Rejections {

        static Stream<Arguments> badValues() {
            return Stream.of(
                    Arguments.of("a date in another format", "Created at", "04.03.2024 09:15", "createdAt",
                            "TimeFormat", "'04.03.2024 09:15' is not a time in the format yyyy-MM-dd HH:mm"),
                    Arguments.of("a date that does not exist", "Created at", "2024-02-30 09:15", "createdAt",
                            "TimeFormat", "'2024-02-30 09:15' is not a time in the format yyyy-MM-dd HH:mm"),
                    Arguments.of("a local time skipped by daylight saving", "Created at", "2024-03-31 02:30",
                            "createdAt", "ExistingLocalTime",
                            "'2024-03-31 02:30' does not exist in Europe/Berlin (it falls in a daylight-saving gap)"),
                    Arguments.of("a creation time in the future", "Created at", "2030-01-01 00:00", "createdAt",
                            "NotInFuture", "must not be later than now (2025-03-10T09:15:30.123456789Z)"),
                    Arguments.of("an empty creation time", "Created at", "", "createdAt", "Required",
                            "column 'Created at' is empty"),
                    Arguments.of("an empty ticket id", "Id", " ", "ticketId", "Required", "column 'Id' is empty"),
                    Arguments.of("a ticket id with a control character", "Id", "10\u000701", "ticketId",
                            "PlainText", "must not contain control characters or unpaired surrogates"),
                    Arguments.of("a ticket id too long for an external id", "Id", "9".repeat(181), "ticketId",
                            "Size", "must be at most 180 characters"),
                    Arguments.of("a name that is too long", "Requester", "x".repeat(201), "customerName", "Size",
                            "size must be between 0 and 200"),
                    Arguments.of("a message with a NUL character", "Description", "hello\u0000", "messageText",
                            "PlainText", "must not contain control characters or unpaired surrogates"),
                    Arguments.of("an empty subject", "Subject", "", "subject", "Required",
                            "column 'Subject' is empty"),
                    Arguments.of("a subject with a line break", "Subject", "two\nlines", "subject", "PlainText",
                            "must not contain control characters or unpaired surrogates"),
                    Arguments.of("a subject that is too long", "Subject", "x".repeat(501), "subject", "Size",
                            "size must be between 0 and 500"),
                    Arguments.of("an unknown channel", "Via", "Carrier pigeon", "channel", "KnownChannel",
                            "'Carrier pigeon' is not a known channel; known are email, phone, chat, sms, whatsapp, "
                                    + "facebook, x, web_form, self_service, chatbot, ivr, in_person, mail, twitter, "
                                    + "voice; declare others with channelValue(...)"),
                    Arguments.of("an empty channel and no default", "Via", "", "channel", "Required",
                            "column 'Via' is empty"),
                    Arguments.of("a malformed email address", "Requester email", "ann.lee@", "customerEmail",
                            "ValidContactIdentity", "is not a valid email address"),
                    Arguments.of("no address at all", "Requester email", "", "customer", "EmailOrPhone",
                            "the columns 'Requester email' hold neither an email address nor a phone number"),
                    Arguments.of("an unknown status", "Status", "Escalated", "status", "KnownStatus",
                            "'Escalated' is not a known status; declare it with statusValue(...)"),
                    Arguments.of("an unknown priority", "Priority", "Critical", "priority", "KnownPriority",
                            "'Critical' is not a known priority; declare it with priorityValue(...)"),
                    Arguments.of("a solved ticket without its resolution time", "Solved at", "", "resolvedAt",
                            "RequiredForStatus", "column 'Solved at' is empty; a resolved or closed ticket needs "
                                    + "its resolution time"),
                    Arguments.of("a resolution before the creation", "Solved at", "2024-03-04 09:14", "resolvedAt",
                            "NotBeforeCreated", "must not be before the creation time"),
                    Arguments.of("a negative reply time", "First reply time in minutes", "-5", "firstReplyMinutes",
                            "Range", "must be between 0 and 52,560,000 minutes (100 years)"),
                    Arguments.of("a reply time that is no number", "First reply time in minutes", "soon",
                            "firstReplyMinutes", "Number", "'soon' is not a number of minutes"),
                    Arguments.of("a CSAT answer that is neither a number nor declared", "Satisfaction Score",
                            "Great", "csat", "CsatValue", "'Great' is neither a whole number nor a declared CSAT value"),
                    Arguments.of("a CSAT score off the scale", "Satisfaction Score", "6", "csat", "Range",
                            "must be between 1 and 5"),
                    Arguments.of("an unknown agent", "Assignee", "Nobody Known", "agent", "KnownAgent",
                            "no single agent is known by the name in column 'Assignee'"),
                    Arguments.of("a category that makes no code", "Group", "!!!", "category", "Code",
                            "'!!!' does not make a category code; declare one with categoryValue(...)"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("badValues")
        @DisplayName("name the line, the field and the rule, and store nothing of the row")
        void rejectsWithReason(String description, String column, String value, String field, String rule,
                String message) throws IOException {
            // given a good row, then the bad one
            String csv = zendesk(zendeskTicket("1"), with(zendeskTicket("2"), column, value));

            // when
            ImportReport report = importZendesk(csv);

            // then
            assertThat(report.imported()).extracting(ImportReport.Imported::ticketId).containsExactly("1");
            assertThat(report.rejected()).singleElement().satisfies(r -> {
                assertThat(r.line()).isEqualTo(4);
                assertThat(r.reasons()).containsExactly(new Violation(field, rule, message));
            });
            assertThat(t.snapshot().cases()).hasSize(1);
            assertThat(t.snapshot().customers()).hasSize(1);
            assertThat(t.snapshot().interactions()).hasSize(2);
            assertThat(t.snapshot().feedback()).hasSize(1);
        }

        @Test
        @DisplayName("report every reason of a row at once, and its ticket id")
        void everyReason() throws IOException {
            // given
            Map<String, String> row = with(with(with(zendeskTicket("9"), "Via", "Fax"), "Created at", "yesterday"),
                    "Requester email", "not-an-address");

            // when
            ImportReport report = importZendesk(zendesk(row));

            // then
            ImportReport.Rejected rejected = report.rejected().get(0);
            assertThat(rejected.ticketId()).contains("9");
            assertThat(rejected.fields()).containsExactlyInAnyOrder("customerEmail", "channel", "createdAt");
            assertThat(rejected.describe()).startsWith("line 2 (ticket 9): ");
        }

        @Test
        @DisplayName("never quote personal data: names, addresses, subjects and message text")
        void noPersonalData() throws IOException {
            // given
            Map<String, String> row = with(with(with(zendeskTicket("9"), "Requester email", "ann.secret@"),
                    "Subject", "Secret\u0007subject"), "Assignee", "Secret Agent");

            // when
            ImportReport report = importZendesk(zendesk(row));

            // then
            assertThat(report.rejected().get(0).reasons()).hasSize(3);
            assertThat(report.rejected().get(0).describe()).doesNotContainIgnoringCase("secret");
        }

        @Test
        @DisplayName("a row with fewer or more fields than the header, as when a column is missing")
        void fieldCount() throws IOException {
            // given
            String oneLine = zendesk(with(zendeskTicket("3"), "Description", "one line")).lines().skip(1)
                    .findFirst().orElseThrow();
            String csv = zendesk(zendeskTicket("1")) + "2,Ann Lee,ann.lee@example.com\r\n" + oneLine + ",extra\r\n";

            // when
            ImportReport report = importZendesk(csv);

            // then
            assertThat(report.rejected()).extracting(ImportReport.Rejected::line).containsExactly(4L, 5L);
            assertThat(report.rejected().get(0).reasons()).containsExactly(
                    new Violation("row", "FieldCount", "has 3 fields; the header has 14"));
            assertThat(report.rejected().get(1).reasons()).containsExactly(
                    new Violation("row", "FieldCount", "has 15 fields; the header has 14"));
        }

        @Test
        @DisplayName("a row that breaks RFC 4180")
        void malformedCsv() throws IOException {
            // given
            String csv = zendesk(zendeskTicket("1")) + "2,Ann \"the\" Lee,ann.lee@example.com\r\n";

            // when
            ImportReport report = importZendesk(csv);

            // then
            assertThat(report.rejected()).singleElement().satisfies(r -> assertThat(r.reasons()).containsExactly(
                    new Violation("row", "Rfc4180", "field 2 holds a quote but is not enclosed in quotes")));
        }

        @Test
        @DisplayName("the email of one customer with the phone number of another")
        void addressesOfTwoCustomers() throws IOException {
            // given
            t.customer("Ann", ContactIdentity.primary(Channel.EMAIL, "ann@example.com"));
            t.customer("Bob", ContactIdentity.primary(Channel.PHONE, "+12125550147"));
            StoreSnapshot before = t.snapshot();
            String csv = Exports.csv(Exports.FRESHDESK_COLUMNS, ',',
                    with(freshdeskTicket("1"), "Email", "ann@example.com"));

            // when
            ImportReport report = importer(freshdeskMapping()).build().importFrom(new StringReader(csv));

            // then
            assertThat(report.rejected()).singleElement().satisfies(r -> assertThat(r.reasons()).containsExactly(
                    new Violation("customerPhone", "SameCustomer",
                            "the phone number belongs to another customer than the email address")));
            assertThat(t.snapshot()).isEqualTo(before);
        }
    }

    @Nested
    @DisplayName("the file as a whole")
    class WholeFile {

        @Test
        @DisplayName("is refused before anything is stored when the header lacks mapped columns, naming each")
        void missingColumns() {
            // given
            String csv = zendesk(zendeskTicket("1")).replace("Requester email", "Email").replace("Via", "Source");
            StoreSnapshot before = t.snapshot();

            // when / then
            assertThatThrownBy(() -> importZendesk(csv))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .containsExactlyInAnyOrder(
                                    new Violation("customerEmail", "InHeader",
                                            "column 'Requester email' is not in the header line"),
                                    new Violation("channel", "InHeader", "column 'Via' is not in the header line")));
            assertThat(t.snapshot()).isEqualTo(before);
        }

        @Test
        @DisplayName("matches header names regardless of case and surrounding spaces, and refuses ambiguous ones")
        void headerNames() throws IOException {
            // given
            String loose = zendesk(zendeskTicket("1")).replaceFirst("Subject", "  SUBJECT ");
            String twice = zendesk(zendeskTicket("2")).replaceFirst("Group", "subject");

            // when
            ImportReport report = importZendesk(loose);

            // then
            assertThat(report.imported()).hasSize(1);
            assertThatThrownBy(() -> importZendesk(twice)).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.violations()).contains(new Violation("subject", "Unambiguous",
                            "column 'Subject' appears 2 times in the header line")));
        }

        @Test
        @DisplayName("is refused when it is empty")
        void empty() {
            assertThatThrownBy(() -> importZendesk("\uFEFF\r\n"))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("header"));
        }

        @Test
        @DisplayName("imports nothing but reports nothing wrong when it has only a header line")
        void headerOnly() throws IOException {
            assertThat(importZendesk(zendesk()).rows()).isZero();
        }

        @Test
        @DisplayName("is read from a path in UTF-8 with a byte-order mark")
        void fromPath(@TempDir Path dir) throws IOException {
            // given
            Path file = dir.resolve("export.csv");
            Files.writeString(file, "\uFEFF" + zendesk(with(zendeskTicket("1"), "Requester", "Zoë Ångström")),
                    StandardCharsets.UTF_8);

            // when
            ImportReport report = importer(zendeskMapping()).build().importFrom(file);

            // then
            assertThat(report.imported()).hasSize(1);
            assertThat(t.snapshot().customers().get(0).name()).isEqualTo("Zoë Ångström");
        }
    }
}
