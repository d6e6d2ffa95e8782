package dev.rapport.dashboard;

import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.Granularity;
import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiEngine;
import dev.rapport.kpi.KpiReport;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Renders KPI results as one self-contained HTML page that people would rather look at than read: headline tiles,
 * CSAT and NPS over time, reply- and resolution-time distributions per channel (median and 90th percentile), SLA
 * compliance when the data holds an SLA KPI, backlog over time and by age, channel mix, contact reasons, the agent
 * league table with the top performers highlighted, and a table of every figure.
 *
 * <pre>{@code
 * KpiDashboard dashboard = KpiDashboard.builder().title("Support, March 2024").build();
 * String html = dashboard.render(engine, KpiRequest.over(march).byPeriod(Granularity.DAY, zone).in("EUR"));
 * Files.writeString(Path.of("dashboard.html"), html);
 * }</pre>
 *
 * <p><b>The page.</b> Charts are inline SVG, styles one inline style sheet; there is no script, and a
 * Content-Security-Policy forbids fetching or running anything, so the page opens offline, in a mail client or
 * from an archive exactly as it was rendered. Every chart is an {@code <svg role="img">} with a {@code <title>}
 * and a {@code <desc>} that states its data in words, axis titles, and tick and value labels readable without
 * hovering; every point, bar and tile carries a tooltip with its numerator, denominator and exclusions, and a
 * table under each chart holds the exact numbers. Every string from the data (agent names, channels, categories,
 * the title) is escaped, and characters a page may not hold (control characters, lone surrogates) are replaced
 * by U+FFFD. The markup is also well-formed XML. Numbers are written in English.
 *
 * <p>Thread-safe: immutable once built; each call renders into its own buffer. The agent-name lookup given to the
 * builder is called from the rendering thread and must itself be safe to share.
 */
public final class KpiDashboard {

    /** The page title used when none is given: {@value}. */
    public static final String DEFAULT_TITLE = "Customer care KPIs";

    /** How many of the best-ranked agents are highlighted by default: {@value}. */
    public static final int DEFAULT_TOP_PERFORMERS = 3;

    /** The longest title: {@value} characters. */
    public static final int MAX_TITLE_LENGTH = 200;

    /**
     * Which KPIs are SLA compliance by default: those whose code is {@code sla} or starts with {@code sla_} (for
     * example {@code sla_compliance} or {@code sla_first_reply_compliance}).
     */
    public static final Predicate<Kpi> DEFAULT_SLA_KPIS = kpi -> kpi.code().equals("sla")
            || kpi.code().startsWith("sla_");

    /** The KPIs {@link #collect} computes per period, for lines over time (with any SLA KPI). */
    public static final List<Kpi> OVER_TIME = List.of(Kpi.CSAT, Kpi.NPS, Kpi.BACKLOG);

    /** The KPIs {@link #collect} computes per channel, for distributions and channel mix (with any SLA KPI). */
    public static final List<Kpi> BY_CHANNEL = List.of(Kpi.REPEAT_CONTACT_RATE, Kpi.FIRST_REPLY_TIME,
            Kpi.NEXT_REPLY_TIME, Kpi.FIRST_RESOLUTION_TIME, Kpi.FULL_RESOLUTION_TIME);

    /** The KPIs {@link #collect} computes per category, for contact reasons. */
    public static final List<Kpi> BY_CATEGORY = List.of(Kpi.REPEAT_CONTACT_RATE);

    /** Periods up to this long are drawn by day when the request has no period breakdown; up to a year by week. */
    public static final Duration DAILY_UP_TO = Duration.ofDays(62);

    private final String title;
    private final Function<String, Optional<String>> agentNames;
    private final int topPerformers;
    private final Predicate<Kpi> slaKpis;

    private KpiDashboard(Builder builder) {
        title = builder.title;
        agentNames = builder.agentNames;
        topPerformers = builder.topPerformers;
        slaKpis = builder.slaKpis;
    }

    /**
     * A builder with every default in place.
     *
     * @return a new builder with every default in place
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A dashboard with every default: {@link #DEFAULT_TITLE}, agent ids as names, the top three highlighted.
     *
     * @return a dashboard with every default
     */
    public static KpiDashboard withDefaults() {
        return builder().build();
    }

    /**
     * Computes everything the page shows from an engine: every KPI the request allows over the whole period (money
     * KPIs when it names a currency), {@link #OVER_TIME} and the SLA KPIs per period, {@link #BY_CHANNEL} and the
     * SLA KPIs per channel, {@link #BY_CATEGORY} per category, and the league table. The periods are the request's
     * own when it is broken down by period, otherwise days for periods up to {@link #DAILY_UP_TO}, weeks up to a
     * year and months beyond, in UTC.
     *
     * @param engine the KPI engine to compute with
     * @param request the KPIs, period, filters and currency to compute
     * @return the reports and league table the page shows, all over the request's period
     * @throws ValidationException naming {@code engine} or {@code request} when null, or as the engine rejects
     *         the request
     */
    public DashboardData collect(KpiEngine engine, KpiRequest request) {
        List<Violation> missing = new ArrayList<>();
        if (engine == null) {
            missing.add(new Violation("engine", "NotNull", "must not be null"));
        }
        if (request == null) {
            missing.add(new Violation("request", "NotNull", "must not be null"));
        }
        if (!missing.isEmpty()) {
            throw new ValidationException("KpiDashboard", missing);
        }
        KpiRequest whole = request.by(Breakdown.TOTAL);
        KpiReport overview = engine.report(whole);
        List<Kpi> sla = engine.kpis().stream().filter(slaKpis).toList();
        Breakdown periods = request.breakdown().isPeriod() ? request.breakdown()
                : Breakdown.byPeriod(granularity(request.period()), ZoneOffset.UTC);
        List<KpiReport> reports = new ArrayList<>(List.of(overview));
        reports.add(engine.report(whole.by(periods), supported(engine, concat(OVER_TIME, sla), Dimension.PERIOD)));
        reports.add(engine.report(whole.by(Dimension.CHANNEL),
                supported(engine, concat(BY_CHANNEL, sla), Dimension.CHANNEL)));
        reports.add(engine.report(whole.by(Dimension.CATEGORY), supported(engine, BY_CATEGORY, Dimension.CATEGORY)));
        return new DashboardData(reports, Optional.of(engine.leagueTable(request.period())));
    }

    /**
     * Computes the data with {@link #collect} and renders it.
     *
     * @param engine the KPI engine to compute with
     * @param request the KPIs, period, filters and currency to compute
     * @return the dashboard as one self-contained HTML page
     * @throws ValidationException as {@link #collect}
     */
    public String render(KpiEngine engine, KpiRequest request) {
        return render(collect(engine, request));
    }

    /**
     * Renders one report: totals, and the charts its breakdown feeds (lines for a period breakdown, channel mix and
     * per-channel distributions for a channel breakdown); the other sections say what data they need.
     *
     * @param report the report to show
     * @return the report as one self-contained HTML page
     * @throws ValidationException naming {@code report} when null
     */
    public String render(KpiReport report) {
        if (report == null) {
            throw ValidationException.of("KpiDashboard", "report", "NotNull", "must not be null");
        }
        return render(DashboardData.of(report));
    }

    /**
     * Renders the data as one self-contained HTML page.
     *
     * @param data the reports and league table to show
     * @return the data as one self-contained HTML page
     * @throws ValidationException naming {@code data} when null
     */
    public String render(DashboardData data) {
        if (data == null) {
            throw ValidationException.of("KpiDashboard", "data", "NotNull", "must not be null");
        }
        return new Page(data, title, agentNames, topPerformers, slaKpis).render();
    }

    /**
     * The page title.
     *
     * @return the page's heading and title, 1 to {@link #MAX_TITLE_LENGTH} characters
     */
    public String title() {
        return title;
    }

    /**
     * How many of the best-ranked agents are highlighted.
     *
     * @return how many of the best-ranked agents are highlighted, 0 or more
     */
    public int topPerformers() {
        return topPerformers;
    }

    static Granularity granularity(TimeRange period) {
        Duration length = Duration.between(period.from(), period.to());
        if (length.compareTo(DAILY_UP_TO) <= 0) {
            return Granularity.DAY;
        }
        return length.compareTo(Duration.ofDays(366)) <= 0 ? Granularity.WEEK : Granularity.MONTH;
    }

    private static List<Kpi> concat(List<Kpi> first, List<Kpi> second) {
        List<Kpi> all = new ArrayList<>(first);
        second.stream().filter(k -> !all.contains(k)).forEach(all::add);
        return all;
    }

    private static List<Kpi> supported(KpiEngine engine, List<Kpi> kpis, Dimension dimension) {
        return kpis.stream().filter(k -> engine.kpis().contains(k) && engine.dimensions(k).contains(dimension))
                .toList();
    }

    /**
     * Configures a {@link KpiDashboard}. Each setter records its value; {@link #build()} checks them all. Not
     * thread-safe; use it from one thread, then share the dashboard.
     */
    public static final class Builder {

        private String title = DEFAULT_TITLE;
        private Function<String, Optional<String>> agentNames = id -> Optional.empty();
        private int topPerformers = DEFAULT_TOP_PERFORMERS;
        private Predicate<Kpi> slaKpis = DEFAULT_SLA_KPIS;

        private Builder() {
        }

        /**
         * Sets the page's heading and title, 1 to {@link #MAX_TITLE_LENGTH} characters. Default {@link #DEFAULT_TITLE}.
         *
         * @param value the page's heading and title; not blank, at most {@link #MAX_TITLE_LENGTH} characters
         * @return this builder
         */
        public Builder title(String value) {
            title = value;
            return this;
        }

        /**
         * Sets how agent ids become names in the league table: given the id as the KPI results hold it, the name to
         * show, or empty to show the id. Called once per agent per rendering; must be thread-safe when the
         * dashboard is shared. Default: no names, ids are shown.
         *
         * @param value the function from an agent id to the name to show, or empty to show the id; not null
         * @return this builder
         */
        public Builder agentNames(Function<String, Optional<String>> value) {
            agentNames = value;
            return this;
        }

        /**
         * Sets the names of agents by id; ids not in the map are shown as they are. Default: no names.
         *
         * @param value names by agent id; not null
         * @return this builder
         */
        public Builder agentNames(Map<String, String> value) {
            if (value == null) {
                agentNames = null;
            } else {
                Map<String, String> copy = Map.copyOf(value);
                agentNames = id -> Optional.ofNullable(copy.get(id));
            }
            return this;
        }

        /**
         * Sets how many of the best-ranked agents are highlighted, 0 or more. Default {@link #DEFAULT_TOP_PERFORMERS}.
         *
         * @param value how many of the best-ranked agents to highlight; 0 for none
         * @return this builder
         */
        public Builder topPerformers(int value) {
            topPerformers = value;
            return this;
        }

        /**
         * Sets which KPIs are shown as SLA compliance: in their own section, as tiles, per channel and per period.
         * Default {@link #DEFAULT_SLA_KPIS}.
         *
         * @param value which KPIs count as SLA compliance; not null
         * @return this builder
         */
        public Builder slaKpis(Predicate<Kpi> value) {
            slaKpis = value;
            return this;
        }

        /**
         * The dashboard.
         *
         * @return a new dashboard with this builder's settings
         * @throws ValidationException naming each bad property: {@code title} null, blank or too long,
         *         {@code agentNames} or {@code slaKpis} null, {@code topPerformers} negative
         */
        public KpiDashboard build() {
            List<Violation> bad = new ArrayList<>();
            if (title == null || title.isBlank()) {
                bad.add(new Violation("title", "NotBlank", "must not be null or blank"));
            } else if (title.length() > MAX_TITLE_LENGTH) {
                bad.add(new Violation("title", "Size", "must be at most " + MAX_TITLE_LENGTH + " characters"));
            }
            if (agentNames == null) {
                bad.add(new Violation("agentNames", "NotNull", "must not be null"));
            }
            if (topPerformers < 0) {
                bad.add(new Violation("topPerformers", "Min", "must be 0 or more"));
            }
            if (slaKpis == null) {
                bad.add(new Violation("slaKpis", "NotNull", "must not be null"));
            }
            if (!bad.isEmpty()) {
                throw new ValidationException("KpiDashboard", bad);
            }
            return new KpiDashboard(this);
        }
    }
}
