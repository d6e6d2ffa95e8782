package dev.rapport.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.validation.Limits;
import dev.rapport.testing.Draft;
import dev.rapport.testing.Hostile;
import dev.rapport.testing.In;
import dev.rapport.testing.StoreSnapshot;
import dev.rapport.testing.TestRapport;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * Importing a ticket whose requester name, subject, description and first-reply minutes are random and hostile
 * (control characters, NUL, lone surrogates, line breaks where one line is expected, text beyond its limit, SQL,
 * quotes, right-to-left marks, emoji, negative, non-numeric and overflowing numbers): the row is either imported and
 * stored exactly (names and subjects stripped, as the importer documents), or rejected naming exactly the bad
 * fields, with nothing of it stored. The importer never throws.
 */
@StatisticsReport(StatisticsReportMode.OFF)
@Label("Ticket import under random and hostile input")
class ImportRowProperties {

    @Property(tries = 200)
    @Label("a row is imported exactly or rejected naming its bad fields, never half stored")
    void importRow(@ForAll("rows") Draft d) throws IOException {
        // given the agent the ticket names, and a ticket with the drafted values
        TestRapport t = new TestRapport();
        t.storage().agents().insert(Agent.builder().id(AgentId.random()).name("Maya Patel")
                .presence(Presence.AVAILABLE).createdAt(t.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS))
                .updatedAt(t.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS)).build());
        Map<String, String> row = Exports.zendeskTicket("1001");
        row.put("Requester", d.get("customerName"));
        row.put("Subject", d.get("subject"));
        row.put("Description", d.get("messageText"));
        row.put("First reply time in minutes", d.get("firstReplyMinutes"));
        StoreSnapshot before = t.snapshot();

        // when
        ImportReport report = TicketImporter.builder(t.rapport()).mapping(Exports.zendeskMapping().build()).build()
                .importFrom(new StringReader(Exports.zendesk(row)));

        // then
        assertThat(report.skipped()).isEmpty();
        if (d.badFields().isEmpty()) {
            Statistics.label("outcome").collect("accepted");
            assertThat(report.rejected()).as("rejected %s", report.rejected()).isEmpty();
            Case imported = t.snapshot().cases().get(0);
            assertThat(imported.subject()).isEqualTo(d.<String>get("subject").strip());
            assertThat(t.snapshot().customers().get(0).name()).isEqualTo(d.<String>get("customerName").strip());
            List<Interaction> story = t.rapport().interactions().findByCase(imported.id());
            assertThat(story.get(0).summary()).contains(d.<String>get("messageText"));
        } else {
            Statistics.label("outcome").collect("rejected");
            assertThat(report.imported()).isEmpty();
            assertThat(report.rejected()).singleElement().satisfies(rejected ->
                    assertThat(rejected.reasons().stream().map(Violation::field).collect(Collectors.toSet()))
                            .isEqualTo(d.badFields()));
            assertThat(t.snapshot()).as("the store after a rejected row").isEqualTo(before);
        }
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("accepted").count(n -> n > 0);
            coverage.check("rejected").count(n -> n > 0);
        });
    }

    @Provide
    Arbitrary<Draft> rows() {
        return Builders.withBuilder(Draft::new)
                .use(stripped(Hostile.requiredText(Limits.NAME, false), Limits.NAME))
                .in((d, v) -> d.with("customerName", v))
                .use(stripped(Hostile.requiredText(Limits.SUBJECT, false), Limits.SUBJECT))
                .in((d, v) -> d.with("subject", v))
                .use(present(Hostile.requiredText(Limits.TEXT, true))).in((d, v) -> d.with("messageText", v))
                .use(Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(In.ok("35"))),
                        Tuple.of(1, Arbitraries.of("-5", "abc", "99999999999999999999", "1O").map(In::bad))))
                .in((d, v) -> d.with("firstReplyMinutes", v))
                .build();
    }

    /**
     * Values of a column the importer strips before it checks them: a line break or blank at either end is cut
     * away, so validity is that of the stripped value (single-line plain text within the limit).
     */
    private static Arbitrary<In<String>> stripped(Arbitrary<In<String>> values, int max) {
        return present(values).map(in -> {
            String value = in.value().strip();
            boolean valid = !value.isEmpty() && value.length() <= max
                    && dev.rapport.spi.validation.PlainTextValidator.isPlainText(value, false);
            return new In<>(in.value(), valid);
        });
    }

    /** Only values that are there: a blank or missing cell means another thing to the importer (no value). */
    private static Arbitrary<In<String>> present(Arbitrary<In<String>> values) {
        return values.filter(in -> in.value() != null && !in.value().isBlank());
    }

}
