package dev.rapport.jdbc;

import dev.rapport.spi.Money;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Interaction;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Interactions as PostgreSQL {@code COPY ... FROM STDIN (FORMAT binary)} data, in the column order and with the
 * column types of {@link JdbcInteractions#COLUMNS} (uuid, varchar and text, timestamptz, bigint, numeric, boolean):
 * the server stores the values as sent instead of parsing text, which spares it the timestamp, uuid and number
 * parsing of the text format. Instants are truncated to the microsecond, as the adapter binds them elsewhere; only
 * rows {@link #canWrite} accepts are written. Not thread-safe; one per batch.
 */
final class CopyBinary {

    /** The signature, flags and header extension length that open binary COPY data. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0};
    /** Seconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch for timestamps. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;
    private static final short NUMERIC_POSITIVE = 0x0000;
    private static final short NUMERIC_NEGATIVE = 0x4000;
    /** The earliest and latest instants the copy writes; rows outside them take the ordinary insert. */
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private byte[] buf;
    private int size;

    CopyBinary(int capacity) {
        buf = new byte[Math.max(64, capacity)];
        put(HEADER);
    }

    /**
     * Whether every value of the rows can be written: every instant falls in the years 1 to 9999 and every handle
     * time and wait fits a long of nanoseconds. Rows that cannot are stored by the ordinary insert instead.
     *
     * @param rows the rows of a batch
     * @return true if the copy can write all of them
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

    private static boolean fitsNanos(Duration d) {
        try {
            d.toNanos();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /**
     * Appends one interaction as one tuple.
     *
     * @param i the interaction
     * @return this
     */
    CopyBinary row(Interaction i) {
        Optional<HandleTime> ht = i.handleTime();
        Optional<Money> amount = i.amount();
        int16(JdbcInteractions.COLUMN_COUNT);
        uuid(i.id().value());
        uuid(i.customerId().value());
        text(i.channel().code());
        text(i.direction().name());
        instant(i.occurredAt());
        uuid(i.agentId().map(AgentId::value).orElse(null));
        uuid(i.caseId().map(CaseId::value).orElse(null));
        text(i.kind().name());
        text(i.handledBy().name());
        text(i.visibility().name());
        nanos(ht.map(HandleTime::talk).orElse(null));
        nanos(ht.map(HandleTime::hold).orElse(null));
        nanos(ht.map(HandleTime::afterContactWork).orElse(null));
        text(i.summary().orElse(null));
        text(i.externalId().orElse(null));
        text(i.orderRef().orElse(null));
        numeric(amount.map(Money::amount).orElse(null));
        text(amount.map(m -> m.currency().getCurrencyCode()).orElse(null));
        text(i.reason().orElse(null));
        instant(i.recordedAt());
        nanos(i.waitTime().orElse(null));
        int32(1);
        put((byte) (i.abandoned() ? 1 : 0));
        return this;
    }

    /**
     * Ends the data with the trailer; call once, after the last row.
     *
     * @return this
     */
    CopyBinary end() {
        int16(-1);
        return this;
    }

    byte[] bytes() {
        return buf;
    }

    int size() {
        return size;
    }

    private void nul() {
        int32(-1);
    }

    private void uuid(UUID value) {
        if (value == null) {
            nul();
            return;
        }
        int32(16);
        int64(value.getMostSignificantBits());
        int64(value.getLeastSignificantBits());
    }

    private void nanos(Duration value) {
        if (value == null) {
            nul();
            return;
        }
        int32(8);
        int64(value.toNanos());
    }

    private void text(String value) {
        if (value == null) {
            nul();
            return;
        }
        int n = value.length();
        boolean ascii = true;
        for (int k = 0; k < n && ascii; k++) {
            ascii = value.charAt(k) < 0x80;
        }
        if (ascii) {
            int32(n);
            ensure(n);
            for (int k = 0; k < n; k++) {
                buf[size++] = (byte) value.charAt(k);
            }
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int32(utf8.length);
        put(utf8);
    }

    /** Microseconds since 2000-01-01 UTC, truncated toward the past as the text format's digits are. */
    private void instant(Instant value) {
        int32(8);
        int64((value.getEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L + value.getNano() / 1_000);
    }

    /**
     * PostgreSQL's binary numeric: the number of base-10,000 digits, the weight of the first, the sign, the display
     * scale, then the digits, without leading or trailing zero digits.
     */
    private void numeric(BigDecimal value) {
        if (value == null) {
            nul();
            return;
        }
        BigDecimal abs = value.abs();
        int scale = Math.max(abs.scale(), 0);
        String digits = abs.setScale(scale).unscaledValue().toString();
        int integerLength = digits.length() - scale;
        if (integerLength <= 0) {
            digits = "0".repeat(1 - integerLength) + digits;
            integerLength = 1;
        }
        int leadingPad = (4 - integerLength % 4) % 4;
        int fractionLength = digits.length() - integerLength;
        int trailingPad = (4 - fractionLength % 4) % 4;
        String padded = "0".repeat(leadingPad) + digits + "0".repeat(trailingPad);
        int groups = padded.length() / 4;
        int[] base10000 = new int[groups];
        for (int g = 0; g < groups; g++) {
            base10000[g] = Integer.parseInt(padded, g * 4, g * 4 + 4, 10);
        }
        int weight = (leadingPad + integerLength) / 4 - 1;
        int first = 0;
        while (first < groups && base10000[first] == 0) {
            first++;
            weight--;
        }
        int last = groups;
        while (last > first && base10000[last - 1] == 0) {
            last--;
        }
        int count = last - first;
        if (count == 0) {
            weight = 0;
        }
        int32(8 + 2 * count);
        int16(count);
        int16(weight);
        int16(count > 0 && value.signum() < 0 ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE);
        int16(scale);
        for (int g = first; g < last; g++) {
            int16(base10000[g]);
        }
    }

    private void int16(int value) {
        ensure(2);
        buf[size++] = (byte) (value >>> 8);
        buf[size++] = (byte) value;
    }

    private void int32(int value) {
        ensure(4);
        buf[size++] = (byte) (value >>> 24);
        buf[size++] = (byte) (value >>> 16);
        buf[size++] = (byte) (value >>> 8);
        buf[size++] = (byte) value;
    }

    private void int64(long value) {
        int32((int) (value >>> 32));
        int32((int) value);
    }

    private void put(byte b) {
        ensure(1);
        buf[size++] = b;
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
