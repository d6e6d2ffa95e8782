package dev.rapport.benchmarks;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Rows of one table: in COPY's text format, sent in chunks of about 4 MB, or as batched {@code INSERT}s of text
 * values (which the database converts to the columns' types) committed every 5,000 rows.
 */
final class BenchRows implements AutoCloseable {
    private static final int CHUNK = 4 << 20;
    private static final int BATCH = 5_000;
    private final CopyManager copy;
    private final String sql;
    private final StringBuilder rows = new StringBuilder();
    private final java.sql.PreparedStatement insert;
    private final Connection connection;
    private final List<String> values = new ArrayList<>();
    private int batched;
    private boolean firstColumn = true;

    BenchRows(KpiBenchData.Sink sink, String table, String columns) throws SQLException {
        this.copy = sink.copy();
        this.connection = sink.connection();
        this.sql = "COPY " + table + " (" + columns + ") FROM STDIN";
        if (copy == null) {
            int n = columns.split(",").length;
            this.insert = connection.prepareStatement("INSERT INTO " + table + " (" + columns + ") VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")");
        } else {
            this.insert = null;
        }
    }

    private void separate() {
        if (!firstColumn) {
            rows.append('\t');
        }
        firstColumn = false;
    }

    BenchRows nul() {
        if (insert != null) {
            values.add(null);
            return this;
        }
        separate();
        rows.append("\\N");
        return this;
    }

    BenchRows text(String value) {
        if (value == null) {
            return nul();
        }
        if (insert != null) {
            values.add(value);
            return this;
        }
        separate();
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(ch);
            }
        }
        return this;
    }

    BenchRows number(long value) {
        if (insert != null) {
            values.add(Long.toString(value));
            return this;
        }
        separate();
        rows.append(value);
        return this;
    }

    BenchRows time(long micros) {
        return micros < 0 ? nul() : text(KpiBenchData.instant(micros));
    }

    BenchRows uuid(long[] id) {
        return id == null ? nul() : text(new UUID(id[0], id[1]).toString());
    }

    void end() throws SQLException {
        if (insert != null) {
            for (int n = 0; n < values.size(); n++) {
                insert.setString(n + 1, values.get(n));
            }
            values.clear();
            insert.addBatch();
            if (++batched >= BATCH) {
                flush();
            }
            return;
        }
        rows.append('\n');
        firstColumn = true;
        if (rows.length() >= CHUNK) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (insert != null) {
            if (batched > 0) {
                insert.executeBatch();
                connection.commit();
                batched = 0;
            }
            return;
        }
        if (rows.length() == 0) {
            return;
        }
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn in = copy.copyIn(sql);
        try {
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        rows.setLength(0);
    }

    @Override
    public void close() throws SQLException {
        flush();
        if (insert != null) {
            insert.close();
        }
    }
}
