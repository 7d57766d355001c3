import { cellText, slaTable, type ReportDoc } from "./report-doc";

/**
 * Text for a Markdown table cell or line: characters Markdown or an HTML-passing renderer would act on
 * inside a line (emphasis, links, code, tags, entities, cell bars) are backslash-escaped, and line breaks become spaces, so a tag or path stays plain text.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, " ");
}

function mdTable(rows: string[][]): string {
  const [header, ...body] = rows;
  const line = (cells: string[]) => `| ${cells.map(escapeMarkdown).join(" | ")} |`;
  return [line(header), `|${header.map(() => " --- ").join("|")}|`, ...body.map(line)].join("\n");
}

/** A fenced block that no backtick run inside it can close. */
function fence(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = "`".repeat(longest + 1);
  return `${ticks}sh\n${text}\n${ticks}`;
}

/** One chart image: its title and where its PNG was written, relative to the Markdown file. */
export interface ChartImage {
  title: string;
  path: string;
}

/** The report as Markdown: the same sections as the HTML, charts as PNG images beside it. */
export function renderReportMarkdown(doc: ReportDoc, images: readonly ChartImage[]): string {
  const parts = [
    `# ${escapeMarkdown(doc.title)}`,
    `Generated ${escapeMarkdown(doc.generatedAt)} by srtlog from \`${doc.logsDir.replace(/`/g, "'")}\`.`,
    "## Selection", mdTable([["Setting", "Value"], ...doc.selection]),
    "## Reproduce", fence(doc.command), `Dashboard: <${doc.dashboardUrl}>`,
    "## Charts", ...images.map((image) => `![${escapeMarkdown(image.title)}](${encodeURI(image.path)})`),
  ];
  if (doc.slaRows.length > 0) parts.push("### Best point under the SLA", mdTable(slaTable(doc)));
  parts.push(`## Summary: ${doc.rows.length} point(s)`, mdTable([doc.columns.map(String), ...doc.rows.map((row) => doc.columns.map((c) => cellText(row[c])))]));
  parts.push("## Configuration essentials");
  for (const run of doc.essentials) parts.push(`### ${escapeMarkdown(run.label)}`, mdTable([["Setting", "Value"], ...run.facts]));
  parts.push("## Run health");
  for (const h of doc.health) {
    parts.push([`- **${escapeMarkdown(h.label)}**: ${escapeMarkdown(h.badge)}`, ...h.notes.map((n) => `  - ${escapeMarkdown(n)}`)].join("\n"));
  }
  return parts.join("\n\n") + "\n";
}
