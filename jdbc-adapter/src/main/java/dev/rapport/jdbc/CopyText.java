package dev.rapport.jdbc;

import dev.rapport.spi.Money;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Interaction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Interactions as PostgreSQL {@code COPY ... FROM STDIN} text (the default text format: tab-separated columns,
 * one row per line, {@code \N} for null, backslash, tab, newline and carriage return escaped), in the column order
 * of {@link JdbcInteractions#COLUMNS}, encoded as UTF-8. Instants are truncated to the microsecond and written in
 * UTC, as the adapter binds them elsewhere. Not thread-safe; one per batch.
 */
final class CopyText {

    /** The earliest and latest instants written as four-digit years, which the text format is limited to here. */
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private byte[] buf;
    private int size;

    CopyText(int capacity) {
        buf = new byte[Math.max(64, capacity)];
    }

    /**
     * Whether every value of the rows can be written: every instant falls in the years 1 to 9999 and every handle
     * time fits a long of nanoseconds. Rows that cannot are stored by the ordinary insert instead.
     */
    static boolean canWrite(List<Interaction> rows) {
        for (Interaction i : rows) {
            if (!inRange(i.occurredAt()) || !inRange(i.recordedAt())) {
                return false;
            }
            if (i.waitTime().isPresent() && !fitsNanos(i.waitTime().get())) {
                return false;
            }
            if (i.handleTime().isPresent()) {
                HandleTime h = i.handleTime().get();
                if (!fitsNanos(h.talk()) || !fitsNanos(h.hold()) || !fitsNanos(h.afterContactWork())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean inRange(Instant value) {
        return !value.isBefore(FIRST) && !value.isAfter(LAST);
    }

    private static boolean fitsNanos(java.time.Duration d) {
        try {
            d.toNanos();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /** Appends one interaction as one line. */
    CopyText row(Interaction i) {
        Optional<HandleTime> ht = i.handleTime();
        uuid(i.id().value()).tab();
        uuid(i.customerId().value()).tab();
        text(i.channel().code()).tab();
        text(i.direction().name()).tab();
        instant(i.occurredAt()).tab();
        uuid(i.agentId().map(AgentId::value).orElse(null)).tab();
        uuid(i.caseId().map(CaseId::value).orElse(null)).tab();
        text(i.kind().name()).tab();
        text(i.handledBy().name()).tab();
        text(i.visibility().name()).tab();
        number(ht.map(h -> h.talk().toNanos()).orElse(null)).tab();
        number(ht.map(h -> h.hold().toNanos()).orElse(null)).tab();
        number(ht.map(h -> h.afterContactWork().toNanos()).orElse(null)).tab();
        text(i.summary().orElse(null)).tab();
        text(i.externalId().orElse(null)).tab();
        text(i.orderRef().orElse(null)).tab();
        Optional<Money> amount = i.amount();
        ascii(amount.map(m -> m.amount().toPlainString()).orElse(null)).tab();
        text(amount.map(m -> m.currency().getCurrencyCode()).orElse(null)).tab();
        text(i.reason().orElse(null)).tab();
        instant(i.recordedAt()).tab();
        number(i.waitTime().map(java.time.Duration::toNanos).orElse(null)).tab();
        ascii(i.abandoned() ? "t" : "f");
        put((byte) '\n');
        return this;
    }

    byte[] bytes() {
        return buf;
    }

    int size() {
        return size;
    }

    private CopyText tab() {
        put((byte) '\t');
        return this;
    }

    private CopyText nul() {
        ensure(2);
        buf[size++] = '\\';
        buf[size++] = 'N';
        return this;
    }

    private CopyText uuid(UUID value) {
        return value == null ? nul() : ascii(value.toString());
    }

    private CopyText number(Long value) {
        return value == null ? nul() : ascii(Long.toString(value));
    }

    /** Characters that need no escaping and are one byte each. */
    private CopyText ascii(String value) {
        if (value == null) {
            return nul();
        }
        int n = value.length();
        ensure(n);
        for (int k = 0; k < n; k++) {
            buf[size++] = (byte) value.charAt(k);
        }
        return this;
    }

    private CopyText text(String value) {
        if (value == null) {
            return nul();
        }
        int n = value.length();
        boolean plain = true;
        for (int k = 0; k < n && plain; k++) {
            char ch = value.charAt(k);
            plain = ch >= 0x20 && ch < 0x7f && ch != '\\';
        }
        if (plain) {
            return ascii(value);
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length * 2);
        // bytes of multi-byte UTF-8 sequences are all >= 0x80, so escaping byte by byte is safe
        for (byte b : utf8) {
            switch (b) {
                case '\\' -> {
                    buf[size++] = '\\';
                    buf[size++] = '\\';
                }
                case '\t' -> {
                    buf[size++] = '\\';
                    buf[size++] = 't';
                }
                case '\n' -> {
                    buf[size++] = '\\';
                    buf[size++] = 'n';
                }
                case '\r' -> {
                    buf[size++] = '\\';
                    buf[size++] = 'r';
                }
                default -> buf[size++] = b;
            }
        }
        return this;
    }

    /** {@code yyyy-MM-dd HH:mm:ss.SSSSSS+00}, truncated to the microsecond. */
    private CopyText instant(Instant value) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(value.getEpochSecond(), value.getNano(), ZoneOffset.UTC);
        ensure(32);
        digits(t.getYear(), 4);
        buf[size++] = '-';
        digits(t.getMonthValue(), 2);
        buf[size++] = '-';
        digits(t.getDayOfMonth(), 2);
        buf[size++] = ' ';
        digits(t.getHour(), 2);
        buf[size++] = ':';
        digits(t.getMinute(), 2);
        buf[size++] = ':';
        digits(t.getSecond(), 2);
        buf[size++] = '.';
        digits(t.getNano() / 1_000, 6);
        buf[size++] = '+';
        buf[size++] = '0';
        buf[size++] = '0';
        return this;
    }

    private void digits(int value, int width) {
        for (int k = width - 1; k >= 0; k--) {
            buf[size + k] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += width;
    }

    private void put(byte b) {
        ensure(1);
        buf[size++] = b;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
