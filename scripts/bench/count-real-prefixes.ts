// Counts the log prefix of every SGLang batch line in the real samples, the source of the realistic
// mix's proportions (scripts/shared/log-prefix-mix.ts). Usage: npx tsx scripts/bench/count-real-prefixes.ts [DIR]
// (default /work/shared/realdata). Lines that quote a batch line after other text (`# Shows: ...`) are
// listed as "other" and left out of the mix.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

function logFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return logFiles(full);
    return /\.(log|out|err|txt)$/.test(e.name) ? [full] : [];
  });
}

const BRACKET = /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?((?: [A-Z]P\d+)*)\]( ?\[[^\]]*\])*:? ?$/;

/** The prefix form of the text before a batch marker. */
function formOf(prefix: string): string {
  const clean = prefix.replace(/\x1b\[[0-9;]*m/g, "");
  const b = BRACKET.exec(clean);
  if (b) return `[TS${b[1] ? ".ms" : ""}${b[2].replace(/\d+/g, "n")}]${b[3] ? "[file][LEVEL]:" : ""}`;
  if (/^\d{4}-\d\d-\d\dT/.test(clean)) return clean === prefix ? "dynamo-iso" : "dynamo-ansi";
  return "other";
}

const dir = process.argv[2] ?? "/work/shared/realdata";
const counts = new Map<string, { lines: number; files: Set<string> }>();
for (const file of logFiles(dir)) {
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = /(Prefill|Decode) batch( \[\d+\])?[,.]/.exec(line);
    if (!m) continue;
    const key = `${formOf(line.slice(0, m.index))}  ${m[1]} batch${m[2] ? " [N]" : ""}${line[m.index + m[0].length - 1]}`;
    const entry = counts.get(key) ?? { lines: 0, files: new Set<string>() };
    entry.lines++;
    entry.files.add(path.basename(file));
    counts.set(key, entry);
  }
}
for (const [key, { lines, files }] of [...counts].sort((a, b) => b[1].lines - a[1].lines)) console.log(String(lines).padStart(5), key.padEnd(40), `${files.size} file(s)`);
