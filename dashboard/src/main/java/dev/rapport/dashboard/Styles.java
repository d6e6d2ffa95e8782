package dev.rapport.dashboard;

/**
 * The page's one inline style sheet: system fonts only (nothing is fetched), a calm palette that stays apart for
 * colour-blind readers (blue, orange, green, purple, red, teal), cards in a grid that wraps on narrow screens, and
 * print-friendly tables.
 */
final class Styles {

    /** The style sheet; a constant, never built from data. */
    static final String CSS = """
            :root{--bg:#f3f5f8;--card:#fff;--ink:#1c2530;--muted:#5b6877;--line:#e1e6ec;--axis:#9aa6b2;\
            --s0:#2166ac;--s1:#e08214;--s2:#1b7837;--s3:#762a83;--s4:#b2182b;--s5:#35978f;\
            --soft:#d6e6f4;--accent:#e08214;--top:#fff6d9}
            *{box-sizing:border-box}
            body{margin:0;background:var(--bg);color:var(--ink);\
            font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
            main{max-width:1240px;margin:0 auto;padding:28px 24px 40px}
            header.page{display:flex;justify-content:space-between;align-items:flex-end;gap:32px;margin-bottom:22px}
            h1{font-size:28px;line-height:1.2;margin:0 0 6px;letter-spacing:-.01em}
            h2{font-size:18px;margin:30px 0 12px}
            h3{font-size:15px;margin:0 0 2px}
            .sub{color:var(--muted);margin:0}
            .note{color:var(--muted);font-size:12.5px;max-width:440px;margin:0}
            .tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(176px,1fr));gap:12px}
            .tile{background:var(--card);border-radius:10px;padding:12px 16px 14px;border-top:4px solid var(--s0);\
            box-shadow:0 1px 2px rgba(16,24,40,.07),0 1px 8px rgba(16,24,40,.04)}
            .tile .label{font-size:11.5px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);\
            min-height:2.9em}
            .tile .value{font-size:26px;font-weight:650;line-height:1.25;margin:4px 0 2px;\
            font-variant-numeric:tabular-nums;white-space:nowrap}
            .tile .detail{font-size:12px;color:var(--muted)}
            .tile .excluded{color:#8a5a00}
            .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(500px,1fr));gap:16px}
            .card{background:var(--card);border-radius:10px;padding:16px 18px 12px;min-width:0;\
            box-shadow:0 1px 2px rgba(16,24,40,.07),0 1px 8px rgba(16,24,40,.04)}
            .card.wide{grid-column:1/-1}
            .caption{font-size:12.5px;color:var(--muted);margin:0 0 10px}
            .empty-state{background:#f7f8fa;border:1px dashed #c6ced8;border-radius:8px;padding:14px 16px;\
            color:var(--muted);margin:6px 0 10px}
            svg.chart{display:block;width:100%;height:auto;overflow:visible}
            svg text{font-family:inherit;font-size:11px;fill:var(--ink)}
            svg .tick-label,svg .muted{fill:var(--muted)}
            svg .axis-title{fill:var(--muted);font-size:11.5px;font-weight:600}
            svg .value-label{font-size:10.5px;font-weight:600;font-variant-numeric:tabular-nums}
            svg .category-label{font-size:11.5px}
            svg .no-data{fill:var(--muted);font-size:13px}
            svg .gridlines line{stroke:var(--line);stroke-width:1}
            svg .gridlines line.zero{stroke:var(--axis)}
            svg .reference{stroke:var(--muted);stroke-width:1;stroke-dasharray:4 4}
            svg .reference-label{fill:var(--muted);font-size:10.5px}
            svg .line{fill:none;stroke-width:2.25;stroke-linejoin:round;stroke-linecap:round}
            svg .area{stroke:none;opacity:.16}
            svg .point{stroke:#fff;stroke-width:1.5}
            svg .s0 .line{stroke:var(--s0)} svg .s0 .point,svg .s0 .area{fill:var(--s0)}
            svg .s1 .line{stroke:var(--s1)} svg .s1 .point,svg .s1 .area{fill:var(--s1)}
            svg .s2 .line{stroke:var(--s2)} svg .s2 .point,svg .s2 .area{fill:var(--s2)}
            svg .s3 .line{stroke:var(--s3)} svg .s3 .point,svg .s3 .area{fill:var(--s3)}
            svg .s4 .line{stroke:var(--s4)} svg .s4 .point,svg .s4 .area{fill:var(--s4)}
            svg .s5 .line{stroke:var(--s5)} svg .s5 .point,svg .s5 .area{fill:var(--s5)}
            svg .dots .point{opacity:.38;stroke:none}
            svg .legend text{fill:var(--muted);font-size:10.5px}
            svg .bar{fill:var(--s0)}
            svg .bar.accent{fill:var(--accent)}
            svg .bar.total{fill:#163f6b}
            svg .bar:hover,svg .point:hover{opacity:.8}
            svg .whisker{stroke:var(--axis);stroke-width:2}
            svg .band{fill:var(--soft);stroke:var(--s0);stroke-width:1}
            svg .median{stroke:var(--s0);stroke-width:3}
            svg .mean{fill:var(--s1);stroke:#fff;stroke-width:1}
            svg .range.total .category-label{font-weight:700}
            details.numbers{margin:6px 0 4px}
            details.numbers summary{cursor:pointer;color:var(--s0);font-size:12.5px;width:max-content}
            table{border-collapse:collapse;width:100%;font-size:12.5px;font-variant-numeric:tabular-nums}
            th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
            thead th{color:var(--muted);font-weight:600;font-size:11.5px;text-transform:uppercase;\
            letter-spacing:.04em;border-bottom:2px solid var(--line)}
            td.num{text-align:right;white-space:nowrap}
            td.small{font-size:11.5px;color:var(--muted);max-width:340px}
            table.figures td.value{font-weight:650;color:var(--ink)}
            table.figures td.numerator,table.figures td.denominator{white-space:nowrap}
            table.league td{vertical-align:middle}
            table.league tr.top td{background:var(--top)}
            table.league tr.unranked td{color:var(--muted)}
            table.league td.agent{font-weight:600}
            table.league td.share{min-width:180px;white-space:nowrap}
            .medal,.place{display:inline-block;min-width:26px;height:26px;line-height:26px;border-radius:13px;\
            text-align:center;font-weight:700}
            .medal.m1{background:#f2c230}.medal.m2{background:#cfd6de}.medal.m3{background:#e0a572}
            .place{color:var(--muted)}
            .meter{display:inline-block;width:70px;height:8px;background:var(--line);border-radius:4px;\
            margin-right:8px;vertical-align:middle;overflow:hidden}
            .meter span{display:block;height:100%;background:var(--s2)}
            .figure{font-weight:600;white-space:nowrap}
            .muted{color:var(--muted)}
            footer{margin-top:28px;color:var(--muted);font-size:12px}
            @media print{body{background:#fff}.card,.tile{box-shadow:none;border:1px solid var(--line)}}
            """;

    private Styles() {
    }
}
