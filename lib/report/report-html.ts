import { cellText, slaTable, type ReportDoc } from "./report-doc";

/** Text for HTML content and attribute values: every character that could end or open markup is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/**
 * JSON for a `<script type="application/json">`: `<`, `>` and `&` as \u escapes, so a tag or path holding
 * `</script>` cannot close the element; U+2028/9 too, which old parsers read as line ends.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A library's source inside `<script>`: a `</script` in it (none in Plotly 4.1 today) must not end the element. */
export function scriptSafe(source: string): string {
  return source.replace(/<\/(script)/gi, "<\\/$1");
}

/**
 * Nothing may load from anywhere: no connections, fonts, frames or images by URL. Inline scripts and
 * styles (the report's own) and data:/blob: images (Plotly's PNG download) are all that is allowed.
 */
export const REPORT_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:";

const STYLE = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0f172a;margin:24px auto;max-width:1200px;padding:0 16px}
h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #e2e8f0}h3{font-size:15px;margin-bottom:4px}
table{border-collapse:collapse;font-size:12px}th,td{border:1px solid #cbd5e1;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f1f5f9}td.n{text-align:right;font-variant-numeric:tabular-nums}.scroll{overflow-x:auto}
pre{background:#f8fafc;border:1px solid #e2e8f0;padding:8px;white-space:pre-wrap;word-break:break-all}
.chart{min-height:0}.chart.drawn{min-height:450px;margin-bottom:12px}.meta{color:#475569}.bad{color:#b91c1c}.ok{color:#15803d}`;

function table(rows: string[][], numeric: (col: number) => boolean = () => false): string {
  const [header, ...body] = rows;
  const head = `<tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>`;
  const lines = body.map((row) => `<tr>${row.map((cell, i) => `<td${numeric(i) ? ' class="n"' : ""}>${escapeHtml(cell)}</td>`).join("")}</tr>`);
  return `<div class="scroll"><table>${head}${lines.join("\n")}</table></div>`;
}

function summarySection(doc: ReportDoc): string {
  const rows = [doc.columns.map(String), ...doc.rows.map((row) => doc.columns.map((c) => cellText(row[c])))];
  const numeric = (i: number) => typeof doc.rows.find((row) => row[doc.columns[i]] !== null)?.[doc.columns[i]] === "number";
  return `<section id="summary"><h2>Summary: ${doc.rows.length} point(s)</h2>${table(rows, numeric)}</section>`;
}

function configSection(doc: ReportDoc): string {
  const runs = doc.essentials.map((run) => `<h3>${escapeHtml(run.label)}</h3>${table([["Setting", "Value"], ...run.facts])}`);
  return `<section id="config"><h2>Configuration essentials</h2>${runs.join("\n")}</section>`;
}

function healthSection(doc: ReportDoc): string {
  const items = doc.health.map((h) => {
    const cls = h.badge === "no trouble signals" ? "ok" : "bad";
    const notes = h.notes.length > 0 ? `<ul>${h.notes.map((n) => `<li><code>${escapeHtml(n)}</code></li>`).join("")}</ul>` : "";
    return `<li><b>${escapeHtml(h.label)}</b>: <span class="${cls}">${escapeHtml(h.badge)}</span>${notes}</li>`;
  });
  return `<section id="health"><h2>Run health</h2><ul>${items.join("\n")}</ul></section>`;
}

function chartsSection(doc: ReportDoc): string {
  const charts = doc.figures.map((f) => `<div class="chart" id="${escapeHtml(f.id)}" role="img" aria-label="${escapeHtml(f.title)}"></div>`);
  const sla = doc.slaRows.length > 0 ? `<h3>Best point under the SLA</h3>${table(slaTable(doc))}` : "";
  const note = `<noscript><p class="meta">The charts need JavaScript; the tables below hold the same numbers.</p></noscript>`;
  return `<section id="charts"><h2>Charts</h2>${note}${charts.join("\n")}${sla}</section>`;
}

function reproduceSection(doc: ReportDoc): string {
  const selection = table([["Setting", "Value"], ...doc.selection]);
  return `<section id="reproduce"><h2>Selection</h2>${selection}<h2>Reproduce</h2><pre id="command">${escapeHtml(doc.command)}</pre>
<p>Dashboard: <code id="dashboard-url">${escapeHtml(doc.dashboardUrl)}</code></p></section>`;
}

const DRAW = `(function(){var figs=JSON.parse(document.getElementById("srtlog-figures").textContent);if(!window.Plotly)return;
figs.forEach(function(f){var el=document.getElementById(f.id);if(!el)return;el.classList.add("drawn");
Plotly.newPlot(el,f.data,f.layout,{displaylogo:false,responsive:true});});})();`;

/**
 * The report as one self-contained HTML file: text and tables readable without scripts (an email
 * preview), then Plotly and the figures inlined at the end, so nothing is ever fetched.
 */
export function renderReportHtml(doc: ReportDoc, plotlySource: string): string {
  const figures = doc.figures.map(({ id, data, layout }) => ({ id, data, layout }));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="generator" content="srtlog report"><title>${escapeHtml(doc.title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(doc.title)}</h1>
<p class="meta">Generated ${escapeHtml(doc.generatedAt)} by srtlog from <code>${escapeHtml(doc.logsDir)}</code>.</p>
${reproduceSection(doc)}
${chartsSection(doc)}
${summarySection(doc)}
${configSection(doc)}
${healthSection(doc)}
<script>${scriptSafe(plotlySource)}</script>
<script type="application/json" id="srtlog-figures">${jsonForScript(figures)}</script>
<script>${DRAW}</script>
</body></html>
`;
}
