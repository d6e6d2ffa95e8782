package dev.rapport.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * Whatever a conforming CSV writer writes, the reader reads back exactly: any strings (quotes, delimiters, every
 * kind of line break, byte-order marks, control characters, surrogates), any number of fields and records, with or
 * without a byte-order mark, CRLF or LF between records, and fields quoted when they must be or at random.
 */
@StatisticsReport(StatisticsReportMode.OFF)
@Label("CSV round trips")
class CsvRoundTripProperties {

    @Property(tries = 500)
    @Label("any records written by a CSV writer are read back exactly")
    void roundTrip(@ForAll("records") List<List<String>> records, @ForAll("formats") Format format)
            throws IOException {
        // given
        String text = write(records, format);

        // when
        List<List<String>> read = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(text), format.delimiter())) {
            Optional<CsvRecord> next;
            while ((next = reader.next()).isPresent()) {
                assertThat(next.get().problem()).isEmpty();
                read.add(next.get().fields());
            }
        }

        // then
        assertThat(read).isEqualTo(records);
    }

    /** How the writer lays out the file. */
    record Format(char delimiter, String recordSeparator, boolean bom, boolean quoteAll, boolean finalSeparator) {
    }

    @Provide
    Arbitrary<Format> formats() {
        return net.jqwik.api.Combinators.combine(Arbitraries.of(',', ';', '\t', '|'), Arbitraries.of("\r\n", "\n"),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as(Format::new);
    }

    @Provide
    Arbitrary<List<List<String>>> records() {
        Arbitrary<String> field = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings().withChars("\",;|\t\r\n \uFEFFab").ofMaxLength(12),
                Arbitraries.of("", "\"", "\"\"", "\r\n", "\r", "\n", " ", "\uFEFF"));
        return field.list().ofMinSize(1).ofMaxSize(6).list().ofMaxSize(8);
    }

    /** A writer that quotes a field when it must, as RFC 4180 says, or always when the format asks. */
    private static String write(List<List<String>> records, Format format) {
        StringBuilder out = new StringBuilder();
        if (format.bom()) {
            out.append('\uFEFF');
        }
        for (int r = 0; r < records.size(); r++) {
            List<String> record = records.get(r);
            for (int f = 0; f < record.size(); f++) {
                if (f > 0) {
                    out.append(format.delimiter());
                }
                String value = record.get(f);
                boolean loneEmpty = record.size() == 1 && value.isEmpty(); // else it would read as a blank line
                if (format.quoteAll() || loneEmpty || mustQuote(value, format.delimiter())) {
                    out.append('"').append(value.replace("\"", "\"\"")).append('"');
                } else {
                    out.append(value);
                }
            }
            if (r < records.size() - 1 || format.finalSeparator()) {
                out.append(format.recordSeparator());
            }
        }
        return out.toString();
    }

    private static boolean mustQuote(String value, char delimiter) {
        return value.indexOf(delimiter) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0 || value.startsWith("\uFEFF");
    }
}
