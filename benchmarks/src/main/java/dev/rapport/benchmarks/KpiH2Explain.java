package dev.rapport.benchmarks;

import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiEngine;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.spi.kpi.Dimension;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the rows H2 reads for each KPI's pushdown queries at several data set sizes, by running
 * {@code EXPLAIN ANALYZE} with the same parameters beside every query the adapter sends, and summing the plans'
 * {@code scanCount}s: how a KPI's cost grows with the data, independent of the machine's load (a quadratic plan reads
 * about a hundred times more rows at ten times the data). Writes each plan to
 * {@code <tmpdir>/kpi-h2-explain-<cases>-<kpi>.txt}. Arguments: the numbers of cases (default 10000 100000);
 * {@code -Dprobe.channel=true} breaks the report down by channel; {@code -Dprobe.kpis=inbound_contacts,csat} explains
 * only the KPIs named.
 */
public final class KpiH2Explain {

    private static final Logger LOG = LoggerFactory.getLogger(KpiH2Explain.class);
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    private KpiH2Explain() {
    }

    /** Runs the probe. */
    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {10_000, 100_000}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        boolean channel = Boolean.getBoolean("probe.channel");
        java.util.Set<String> only = System.getProperty("probe.kpis") == null ? null
                : java.util.Set.of(System.getProperty("probe.kpis").split(","));
        Map<String, long[]> rows = new LinkedHashMap<>();
        for (int s = 0; s < sizes.length; s++) {
            try (KpiBenchH2 h2 = KpiBenchH2.open(KpiBenchData.Size.ofCases(sizes[s]))) {
                List<String> plans = new ArrayList<>();
                DataSource explaining = explaining(h2.dataSource(), plans);
                JdbcStorage storage = JdbcStorage.builder().dataSource(explaining)
                        .tablePrefix(KpiBenchDatabase.PREFIX).migrate(false).build();
                KpiEngine engine = KpiEngine.builder().storage(storage).source(KpiEngine.Source.STORAGE)
                        .clock(Clock.fixed(KpiBenchData.AS_OF, ZoneOffset.UTC)).build();
                KpiRequest total = KpiRequest.over(KpiBenchData.PERIOD_FROM, KpiBenchData.PERIOD_TO).in("EUR");
                KpiRequest request = channel ? total.by(Dimension.CHANNEL) : total;
                for (Kpi kpi : engine.kpis()) {
                    if (!engine.dimensions(kpi).contains(request.breakdown().dimension())
                            || only != null && !only.contains(kpi.code())) {
                        continue;
                    }
                    plans.clear();
                    engine.compute(kpi, request);
                    long scanned = 0;
                    for (String plan : plans) {
                        Matcher m = SCAN_COUNT.matcher(plan);
                        while (m.find()) {
                            scanned += Long.parseLong(m.group(1));
                        }
                    }
                    rows.computeIfAbsent(kpi.code(), k -> new long[sizes.length])[s] = scanned;
                    try (PrintWriter out = new PrintWriter(java.nio.file.Files.newBufferedWriter(java.nio.file.Path.of(
                            System.getProperty("java.io.tmpdir"), "kpi-h2-explain-" + sizes[s] + "-" + kpi.code()
                                    + ".txt")))) {
                        plans.forEach(out::println);
                    }
                }
            }
        }
        StringBuilder table = new StringBuilder("\nKPI");
        for (int size : sizes) {
            table.append('\t').append(size).append(" cases, rows read");
        }
        table.append("\tlast / first\n");
        rows.forEach((kpi, r) -> {
            table.append(kpi);
            for (long n : r) {
                table.append('\t').append(n);
            }
            table.append('\t').append(String.format("%.1f", (double) r[r.length - 1] / Math.max(1, r[0])))
                    .append('\n');
        });
        LOG.info("Rows read by the pushdown on H2{}:{}", channel ? " by channel" : "", table);
    }

    /** The data source, whose prepared queries also run {@code EXPLAIN ANALYZE} and add the plan to the list. */
    private static DataSource explaining(DataSource dataSource, List<String> plans) {
        return (DataSource) Proxy.newProxyInstance(KpiH2Explain.class.getClassLoader(), new Class<?>[] {
            DataSource.class}, (proxy, method, args) -> {
                Object result = invoke(method, dataSource, args);
                return result instanceof Connection c ? connection(c, plans) : result;
            });
    }

    private static Connection connection(Connection connection, List<String> plans) {
        return (Connection) Proxy.newProxyInstance(KpiH2Explain.class.getClassLoader(), new Class<?>[] {
            Connection.class}, (proxy, method, args) -> {
                Object result = invoke(method, connection, args);
                if (result instanceof PreparedStatement ps && method.getName().equals("prepareStatement")
                        && ((String) args[0]).trim().toUpperCase().startsWith("SELECT")) {
                    return statement(connection, ps, (String) args[0], plans);
                }
                return result;
            });
    }

    private static PreparedStatement statement(Connection connection, PreparedStatement ps, String sql,
            List<String> plans) {
        Map<Integer, Object> parameters = new LinkedHashMap<>();
        return (PreparedStatement) Proxy.newProxyInstance(KpiH2Explain.class.getClassLoader(), new Class<?>[] {
            PreparedStatement.class}, (proxy, method, args) -> {
                if (method.getName().startsWith("set") && args != null && args.length >= 2
                        && args[0] instanceof Integer index) {
                    parameters.put(index, args[1]);
                }
                if (method.getName().equals("executeQuery") && (args == null || args.length == 0)) {
                    try (PreparedStatement explain = connection.prepareStatement("EXPLAIN ANALYZE " + sql)) {
                        for (Map.Entry<Integer, Object> p : parameters.entrySet()) {
                            explain.setObject(p.getKey(), p.getValue());
                        }
                        try (ResultSet rs = explain.executeQuery()) {
                            while (rs.next()) {
                                plans.add(rs.getString(1));
                            }
                        }
                    } catch (SQLException e) {
                        plans.add("EXPLAIN failed: " + e.getMessage());
                    }
                }
                return invoke(method, ps, args);
            });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
