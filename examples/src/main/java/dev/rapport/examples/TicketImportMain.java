package dev.rapport.examples;

import dev.rapport.Rapport;
import dev.rapport.imports.BadValuePolicy;
import dev.rapport.imports.ColumnMapping;
import dev.rapport.imports.ImportReport;
import dev.rapport.imports.TicketImporter;
import dev.rapport.imports.TimeFormat;
import dev.rapport.progress.ProgressListener;
import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.feedback.Feedback;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;

/**
 * Your helpdesk history in Rapport: imports a Zendesk-like ticket export (the bundled sample, or a file of yours in
 * the same layout), prints the progress, the report with every rejected row, and one imported ticket; then imports
 * the same file again, which changes nothing.
 *
 * <p>Run it from the root of the project:
 * {@code mvn -B -q -pl examples -am test-compile exec:java -Dexec.mainClass=dev.rapport.examples.TicketImportMain}; add
 * {@code -Dexec.args=path/to/export.csv} to import your own file. Its data lives in an in-process H2
 * database (see {@link ExampleDatabase} to use PostgreSQL).
 */
public final class TicketImportMain {

    /** The sample export on the classpath: 12 tickets, three of them with mistakes, CRLF lines and a byte-order mark. */
    static final String SAMPLE = "/tickets/helpdesk-export.csv";

    private TicketImportMain() {
    }

    /**
     * Runs the import twice and prints what happened.
     *
     * @param args optionally the path of an export in the sample's layout; the bundled sample otherwise
     * @throws IOException if the export cannot be read
     */
    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        // Closing the Rapport stops its background work (here the outbox relay), so the program ends when it is done.
        try (Rapport rapport = Rapport.builder().storage(ExampleDatabase.open("ticket-import")).build()) {
            run(rapport, args, out);
        }
    }

    private static void run(Rapport rapport, String[] args, PrintStream out) throws IOException {
        // 1. The agents named in the export's Assignee column; the import finds them by name.
        for (String name : new String[] {"Maya Patel", "Omar Said"}) {
            rapport.storage().agents().insert(Agent.builder().id(AgentId.random()).name(name)
                    // stored instants are whole microseconds (the value domain): truncate the clock's reading
                    .presence(Presence.AVAILABLE).createdAt(rapport.clock().instant().truncatedTo(ChronoUnit.MICROS))
                    .updatedAt(rapport.clock().instant().truncatedTo(ChronoUnit.MICROS)).build());
        }

        // 2. Which column holds what, and how its values read. Any layout works once it is declared.
        TimeFormat berlinMinutes = TimeFormat.pattern("yyyy-MM-dd HH:mm");
        ColumnMapping zendesk = ColumnMapping.builder()
                .ticketId("Id")
                .customerName("Requester")
                .customerEmail("Requester email")
                .subject("Subject")
                .messageText("Description")
                .channel("Via")                                    // built-in codes like "chat" are known...
                .channelValue("Mail", Channel.EMAIL)               // ...the helpdesk's own names are declared
                .channelValue("Voice", Channel.PHONE)
                .channelValue("Twitter", Channel.X)
                .priority("Priority")
                .status("Status")
                .statusValue("Solved", CaseStatus.RESOLVED)
                .statusValue("Pending", CaseStatus.PENDING_CUSTOMER)
                .statusValue("Hold", CaseStatus.ON_HOLD)
                .category("Group")                                 // "Billing & Payments" becomes billing_payments
                .agent("Assignee")
                .createdAt("Created at", berlinMinutes)
                .resolvedAt("Solved at", berlinMinutes)
                .firstReplyMinutes("First reply time in minutes")
                .csat("Satisfaction Score")
                .csatValue("Good", 5)
                .csatValue("Bad", 1)
                .csatIgnored("Offered")
                .csatIgnored("Unoffered")
                .timeZone(ZoneId.of("Europe/Berlin"))              // the export's local times
                .externalIdPrefix("zendesk:")                      // ticket 1001 is recorded as "zendesk:1001"
                // a bad optional value is dropped with a warning by default; a bad creation time rejects the row here
                .onBadValue(ColumnMapping.Field.CREATED_AT, BadValuePolicy.REJECT)
                .build();
        TicketImporter importer = TicketImporter.builder(rapport)
                .mapping(zendesk)
                .progressEvery(4)
                .progressListener(ProgressListener.lines(line -> out.println("  " + line)))
                .build();

        // 3. Import, and look at what came of it.
        Path export = args.length > 0 ? Path.of(args[0]) : bundledSample();
        out.println("Importing " + (args.length > 0 ? export : "the bundled sample export"));
        ImportReport report = importer.importFrom(export);
        out.println(report.summary());
        out.println("Customers registered: " + report.customersRegistered());
        if (!report.rejected().isEmpty()) {
            out.println("Rejected rows (nothing of them was stored):");
            report.rejected().forEach(rejected -> out.println("  " + rejected.describe()));
        }
        if (!report.warnings().isEmpty()) {
            out.println("Warnings (the rows were imported):");
            report.warnings().forEach(warning -> out.println("  " + warning.describe()));
        }
        if (!report.imported().isEmpty()) {
            describe(rapport, report.imported().get(0), out);
        }

        // 4. Import the same file again: every ticket is found by its external id and skipped.
        out.println("Importing the same file again");
        ImportReport again = importer.importFrom(export);
        out.println(again.summary());
        out.println("Done: " + rapport.customers().count() + " customers, "
                + rapport.cases().findByStatus(EnumSet.allOf(CaseStatus.class), PageRequest.first(1000)).items().size()
                + " cases, " + rapport.storage().interactions().findOccurredBetween(TimeRange.ALL,
                        PageRequest.first(1000)).items().size() + " interactions, "
                + rapport.storage().feedback().findReceivedBetween(TimeRange.ALL, PageRequest.first(1000)).items()
                        .size() + " CSAT answers");
    }

    private static void describe(Rapport rapport, ImportReport.Imported imported, PrintStream out) {
        Case ticket = rapport.cases().get(imported.caseId());
        Customer customer = rapport.customers().get(imported.customerId());
        out.println("Ticket " + imported.ticketId() + " from line " + imported.line() + ": '" + ticket.subject()
                + "' by " + customer.name() + ", " + ticket.status() + " on " + ticket.originChannel()
                + ", category " + ticket.category().orElse("-"));
        out.println("  created " + ticket.createdAt() + ", first reply after "
                + ticket.firstReplyAt().map(at -> minutes(Duration.between(ticket.createdAt(), at))).orElse("-")
                + ", resolved after "
                + ticket.resolvedAt().map(at -> minutes(Duration.between(ticket.createdAt(), at))).orElse("-"));
        for (Feedback answer : rapport.feedback().findByCase(ticket.id())) {
            out.println("  CSAT " + answer.score() + "/" + answer.scale().max() + " received " + answer.receivedAt());
        }
        out.println("  " + rapport.interactions().findByCase(ticket.id()).size() + " interactions, the first "
                + "recorded as " + rapport.interactions().findByCase(ticket.id()).get(0).externalId().orElseThrow());
    }

    private static String minutes(Duration duration) {
        return duration.toHours() > 0 ? duration.toHours() + " h " + duration.toMinutesPart() + " min"
                : duration.toMinutes() + " min";
    }

    /** The sample copied to a temporary file, as an export downloaded from a helpdesk would be. */
    private static Path bundledSample() throws IOException {
        Path file = Files.createTempFile("helpdesk-export", ".csv");
        file.toFile().deleteOnExit();
        try (InputStream in = TicketImportMain.class.getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("the sample " + SAMPLE + " is not on the classpath"));
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }
}
