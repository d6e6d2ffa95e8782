package dev.rapport.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.ValidationException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("CsvReader")
class CsvReaderTest {

    private static List<CsvRecord> read(String text) throws IOException {
        return read(new StringReader(text), ',');
    }

    private static List<CsvRecord> read(Reader reader, char delimiter) throws IOException {
        List<CsvRecord> records = new ArrayList<>();
        try (CsvReader csv = new CsvReader(reader, delimiter)) {
            Optional<CsvRecord> next;
            while ((next = csv.next()).isPresent()) {
                records.add(next.get());
            }
        }
        return records;
    }

    private static List<List<String>> fields(List<CsvRecord> records) {
        return records.stream().map(CsvRecord::fields).toList();
    }

    @Nested
    @DisplayName("reads RFC 4180")
    class Rfc4180 {

        @Test
        @DisplayName("splits plain fields at commas and records at CRLF")
        void plainFields() throws IOException {
            // given
            String text = "id,name\r\n1,Ann\r\n2,Bob\r\n";

            // when
            List<CsvRecord> records = read(text);

            // then
            assertThat(fields(records)).containsExactly(List.of("id", "name"), List.of("1", "Ann"),
                    List.of("2", "Bob"));
            assertThat(records).allMatch(CsvRecord::isWellFormed);
        }

        @Test
        @DisplayName("keeps commas, doubled quotes and line breaks inside quoted fields")
        void quotedFields() throws IOException {
            // given
            String text = "\"a, b\",\"say \"\"hi\"\"\",\"line 1\r\nline 2\nline 3\rline 4\"\n";

            // when
            List<CsvRecord> records = read(text);

            // then
            assertThat(fields(records)).containsExactly(
                    List.of("a, b", "say \"hi\"", "line 1\r\nline 2\nline 3\rline 4"));
        }

        @Test
        @DisplayName("keeps empty fields, surrounding spaces and a trailing empty field")
        void emptyFieldsAndSpaces() throws IOException {
            // given
            String text = ",, x ,\"\",\n";

            // when
            List<CsvRecord> records = read(text);

            // then
            assertThat(fields(records)).containsExactly(List.of("", "", " x ", "", ""));
        }

        @Test
        @DisplayName("accepts LF and lone CR as record ends, and a last record without a line break")
        void lineEnds() throws IOException {
            // given
            String text = "a\nb\rc\r\nd";

            // when
            List<CsvRecord> records = read(text);

            // then
            assertThat(fields(records)).containsExactly(List.of("a"), List.of("b"), List.of("c"), List.of("d"));
        }

        @Test
        @DisplayName("drops a byte-order mark at the start, and only there")
        void byteOrderMark() throws IOException {
            // given
            String text = "\uFEFFid,name\n1,\uFEFFAnn\n";

            // when
            List<CsvRecord> records = read(text);

            // then
            assertThat(fields(records)).containsExactly(List.of("id", "name"), List.of("1", "\uFEFFAnn"));
        }

        @Test
        @DisplayName("skips blank lines but reads a quoted empty field as a record")
        void blankLines() throws IOException {
            // given
            String text = "\n\na\r\n\r\n\"\"\n\nb\n\n";

            // when
            List<CsvRecord> records = read(text);

            // then
            assertThat(fields(records)).containsExactly(List.of("a"), List.of(""), List.of("b"));
        }

        @Test
        @DisplayName("numbers each record by the line it starts on, counting line breaks inside quotes")
        void lineNumbers() throws IOException {
            // given
            String text = "h1,h2\r\n\"multi\r\nline\r\ntext\",x\r\n\r\nlast,y\r\n";

            // when
            List<CsvRecord> records = read(text);

            // then
            assertThat(records).extracting(CsvRecord::line).containsExactly(1L, 2L, 6L);
        }

        @Test
        @DisplayName("reads another delimiter, and commas as text then")
        void otherDelimiter() throws IOException {
            // when
            List<CsvRecord> records = read(new StringReader("a;b,c;\"d;e\"\n"), ';');

            // then
            assertThat(fields(records)).containsExactly(List.of("a", "b,c", "d;e"));
        }

        @Test
        @DisplayName("keeps characters outside the Basic Multilingual Plane and accents exactly")
        void unicode() throws IOException {
            // when
            List<CsvRecord> records = read("\"Zoë 😀\",e\u0301\n");

            // then
            assertThat(fields(records)).containsExactly(List.of("Zoë 😀", "e\u0301"));
        }

        @Test
        @DisplayName("reads a record that crosses the reader's internal buffer, from a reader giving one char at a time")
        void slowReader() throws IOException {
            // given
            String longField = "x".repeat(20_000) + "\"\"" + "y".repeat(10_000);
            String text = "\"" + longField + "\",end\r\nnext\r\n";
            Reader trickle = new Reader() {
                private final StringReader in = new StringReader(text);

                @Override
                public int read(char[] buffer, int offset, int length) throws IOException {
                    return in.read(buffer, offset, Math.min(1, length));
                }

                @Override
                public void close() {
                }
            };

            // when
            List<CsvRecord> records = read(trickle, ',');

            // then
            assertThat(fields(records)).containsExactly(
                    List.of("x".repeat(20_000) + "\"" + "y".repeat(10_000), "end"), List.of("next"));
        }

        @Test
        @DisplayName("gives nothing for empty input or a lone byte-order mark")
        void emptyInput() throws IOException {
            assertThat(read("")).isEmpty();
            assertThat(read("\uFEFF")).isEmpty();
            assertThat(read("\r\n\n")).isEmpty();
        }
    }

    @Nested
    @DisplayName("reports what RFC 4180 forbids and reads on")
    class Problems {

        @Test
        @DisplayName("a quote inside an unquoted field")
        void quoteInUnquotedField() throws IOException {
            // when
            List<CsvRecord> records = read("a,5\" screen,c\nnext\n");

            // then
            assertThat(records.get(0).problem()).contains("field 2 holds a quote but is not enclosed in quotes");
            assertThat(records.get(0).fields()).containsExactly("a", "5\" screen", "c");
            assertThat(records.get(1).isWellFormed()).isTrue();
            assertThat(records.get(1).fields()).containsExactly("next");
        }

        @Test
        @DisplayName("text after a closing quote, kept in the field")
        void textAfterClosingQuote() throws IOException {
            // when
            List<CsvRecord> records = read("\"abc\"def,x\nnext\n");

            // then
            assertThat(records.get(0).problem()).contains("field 1 has text after its closing quote");
            assertThat(records.get(0).fields()).containsExactly("abcdef", "x");
            assertThat(records.get(1).fields()).containsExactly("next");
        }

        @Test
        @DisplayName("a quoted field never closed, naming the line it opened on")
        void unclosedQuote() throws IOException {
            // when
            List<CsvRecord> records = read("h\nok\n\"open\nstill open\n");

            // then
            assertThat(records).hasSize(3);
            assertThat(records.get(2).line()).isEqualTo(3);
            assertThat(records.get(2).problem()).contains("quoted field 1 opened on line 3 is never closed");
            assertThat(records.get(2).fields()).containsExactly("open\nstill open\n");
        }

        @Test
        @DisplayName("a record longer than the limit ends reading with the line it started on")
        void tooLong() {
            // given
            CsvReader csv = new CsvReader(new StringReader("ok\n\"" + "x".repeat(100)), ',', 50);

            // when / then
            assertThatThrownBy(() -> {
                csv.next();
                csv.next();
            }).isInstanceOf(IOException.class).hasMessageContaining("starting on line 2")
                    .hasMessageContaining("longer than 50 characters");
        }

        @Test
        @DisplayName("a quote, CR or LF as delimiter is refused")
        void badDelimiter() {
            assertThatThrownBy(() -> new CsvReader(new StringReader(""), '"'))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("delimiter"));
            assertThatThrownBy(() -> new CsvReader(new StringReader(""), '\n'))
                    .isInstanceOf(ValidationException.class);
        }
    }
}
