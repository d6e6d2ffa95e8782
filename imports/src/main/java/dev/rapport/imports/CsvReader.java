package dev.rapport.imports;

import dev.rapport.spi.ValidationException;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads CSV records as RFC 4180 defines them, one at a time, without loading the file: fields separated by a
 * delimiter (a comma by default), records ended by CRLF, LF or a lone CR, and fields enclosed in double quotes
 * where they hold the delimiter, a quote (written twice, {@code ""}) or a line break.
 *
 * <ul>
 *   <li>A byte-order mark (U+FEFF) at the very start is dropped.</li>
 *   <li>Fields are kept exactly: surrounding spaces stay, and line breaks inside quoted fields are kept as written.
 *   </li>
 *   <li>A line with nothing on it is not a record: blank lines are skipped, and a final line break does not start
 *       an empty record. A record made of one empty field must therefore be written as {@code ""}.</li>
 *   <li>Input RFC 4180 forbids does not stop the reader and is never read silently: a quote inside an unquoted
 *       field, text after a closing quote, or a quoted field still open at the end of the input are reported in
 *       {@link CsvRecord#problem()}, and reading goes on with the next record.</li>
 *   <li>A record longer than the limit (4,000,000 characters by default; usually a quote left open) ends reading
 *       with an {@link IOException} naming the line it started on, rather than filling the memory.</li>
 * </ul>
 *
 * <p>Not thread-safe: one reader belongs to one thread. Closing it closes the underlying reader.
 */
public final class CsvReader implements Closeable {

    /** The most characters one record may hold by default. */
    public static final int DEFAULT_MAX_RECORD_CHARS = 4_000_000;

    private static final char BOM = '\uFEFF';
    private static final char QUOTE = '"';
    private static final int EOF = -1;

    private final Reader in;
    private final char delimiter;
    private final int maxRecordChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean started;
    private long line = 1;
    private int recordChars;
    private long recordStartLine;

    /**
     * A reader of comma-separated records.
     *
     * @param in the text; the caller chooses its charset (UTF-8 for most exports)
     */
    public CsvReader(Reader in) {
        this(in, ',');
    }

    /**
     * A reader of records separated by another delimiter, for example {@code ';'} or a tab.
     *
     * @param in the text
     * @param delimiter the field separator; not a quote, CR or LF
     */
    public CsvReader(Reader in, char delimiter) {
        this(in, delimiter, DEFAULT_MAX_RECORD_CHARS);
    }

    /**
     * A reader with its own limit on record length.
     *
     * @param in the text
     * @param delimiter the field separator; not a quote, CR or LF
     * @param maxRecordChars the most characters one record may hold; at least 1
     * @throws ValidationException naming {@code delimiter} or {@code maxRecordChars} if it is not allowed
     */
    public CsvReader(Reader in, char delimiter, int maxRecordChars) {
        this.in = Objects.requireNonNull(in, "in");
        if (delimiter == QUOTE || delimiter == '\r' || delimiter == '\n') {
            throw ValidationException.of("CsvReader", "delimiter", "NotQuoteOrLineBreak",
                    "must not be a quote, CR or LF");
        }
        if (maxRecordChars < 1) {
            throw ValidationException.of("CsvReader", "maxRecordChars", "Min", "must be at least 1");
        }
        this.delimiter = delimiter;
        this.maxRecordChars = maxRecordChars;
    }

    /**
     * The next record, or empty at the end of the input.
     *
     * @return the next record, well formed or not, or empty when the input is exhausted
     * @throws IOException if the input cannot be read, or a record exceeds the length limit
     */
    public Optional<CsvRecord> next() throws IOException {
        if (!started) {
            started = true;
            if (peek() == BOM) {
                read();
            }
        }
        while (isLineBreak(peek())) {
            skipLineBreak(); // blank lines are not records
        }
        if (peek() == EOF) {
            return Optional.empty();
        }
        long startLine = line;
        recordStartLine = startLine;
        recordChars = 0;
        List<String> fields = new ArrayList<>();
        String problem = null;
        StringBuilder field = new StringBuilder();
        while (true) {
            field.setLength(0);
            String fieldProblem = peek() == QUOTE ? readQuoted(field, fields.size() + 1)
                    : readUnquoted(field, fields.size() + 1);
            fields.add(field.toString());
            if (problem == null) {
                problem = fieldProblem;
            }
            int c = peek();
            if (c == delimiter) {
                read();
                continue;
            }
            if (isLineBreak(c)) {
                skipLineBreak();
            }
            return Optional.of(new CsvRecord(startLine, fields, Optional.ofNullable(problem)));
        }
    }

    /** Reads an unquoted field up to a delimiter, a line break or the end; reports a quote inside it. */
    private String readUnquoted(StringBuilder field, int number) throws IOException {
        String problem = null;
        while (true) {
            int c = peek();
            if (c == EOF || c == delimiter || isLineBreak(c)) {
                return problem;
            }
            if (c == QUOTE && problem == null) {
                problem = "field " + number + " holds a quote but is not enclosed in quotes";
            }
            field.append((char) read());
            countChar();
        }
    }

    /** Reads a quoted field and what follows its closing quote up to a delimiter, a line break or the end. */
    private String readQuoted(StringBuilder field, int number) throws IOException {
        long openedOn = line;
        read(); // the opening quote
        while (true) {
            int c = read();
            if (c == EOF) {
                return "quoted field " + number + " opened on line " + openedOn + " is never closed";
            }
            if (c == QUOTE) {
                if (peek() == QUOTE) {
                    read();
                    field.append(QUOTE);
                    countChar();
                    continue;
                }
                break;
            }
            if (c == '\r' || c == '\n') {
                if (c == '\r' && peek() == '\n') {
                    field.append('\r');
                    countChar();
                    c = read();
                }
                line++;
            }
            field.append((char) c);
            countChar();
        }
        int after = peek();
        if (after == EOF || after == delimiter || isLineBreak(after)) {
            return null;
        }
        // Text after the closing quote: keep it, so nothing is lost, and report the record.
        readUnquoted(field, number);
        return "field " + number + " has text after its closing quote";
    }

    private void countChar() throws IOException {
        if (++recordChars > maxRecordChars) {
            throw new IOException("the CSV record starting on line " + recordStartLine
                    + " is longer than " + maxRecordChars + " characters; is a quote left open?");
        }
    }

    private static boolean isLineBreak(int c) {
        return c == '\r' || c == '\n';
    }

    /** Consumes CRLF, LF or a lone CR, and counts the line. */
    private void skipLineBreak() throws IOException {
        int c = read();
        if (c == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private int peek() throws IOException {
        if (position >= limit && !fill()) {
            return EOF;
        }
        return buffer[position];
    }

    private int read() throws IOException {
        if (position >= limit && !fill()) {
            return EOF;
        }
        return buffer[position++];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    /** Closes the underlying reader. */
    @Override
    public void close() throws IOException {
        in.close();
    }
}
