import { statSync } from "node:fs";
import { NodeAnalyzer } from "../../lib/server/node-analyzer";
import { summariseNode, type NodeSummary } from "../../lib/node-metrics";
import { textTable } from "../../lib/text-table";
import { SrtlogError } from "../../lib/errors";
import { intervalMs, parseFlags } from "../args";
import { NODES_USAGE } from "../usage";
import { followNodes } from "./nodes-follow";

/** Progress on stderr, only for people watching a terminal. */
function progressLine(done: number, total: number, bytes: number): void {
  if (process.stderr.isTTY) process.stderr.write(`\rparsed ${done}/${total} logs, ${(bytes / 2 ** 20).toFixed(0)} MB `);
}

async function summaries(target: string, cache: boolean): Promise<NodeSummary[]> {
  let isDir: boolean;
  try {
    isDir = statSync(target).isDirectory();
  } catch {
    throw new SrtlogError("bad_input", `${target} does not exist`);
  }
  const analyzer = new NodeAnalyzer();
  if (isDir) return analyzer.summariseRunLogs(target, { cache, onProgress: progressLine });
  return [summariseNode(await analyzer.parseSingleLog(target))];
}

/** `srtlog nodes`: workers of a run (or one log) with their record counts and parse issues. */
export async function nodesCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { json: { type: "boolean" }, "no-cache": { type: "boolean" }, follow: { type: "boolean" }, interval: { type: "string" } }, true);
  if (positionals.length !== 1) throw new SrtlogError("bad_input", `expected one PATH: ${NODES_USAGE}`);
  if (values.follow) return followNodes(positionals[0], intervalMs(values.interval), values.json === true);
  const nodes = await summaries(positionals[0], !values["no-cache"]);
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[2K");
  const issues = nodes.flatMap((node) => node.issues);
  if (values.json) {
    const out = nodes.map((n) => ({
      files: n.files, node: n.node, workerType: n.workerType, workerId: n.workerId,
      prefillBatches: n.prefillBatches, decodeBatches: n.decodeBatches, mixedBatches: n.mixedBatches,
      memorySnapshots: n.memorySnapshots, ranks: n.ranks,
      config: { tp: n.parallel.tp, dp: n.parallel.dp, ep: n.parallel.ep, pp: n.parallel.pp }, notes: n.notes,
    }));
    process.stdout.write(JSON.stringify({ nodes: out, issues }) + "\n");
    return 0;
  }
  const rows = nodes.map((n) => [n.node, n.workerType, n.workerId, String(n.prefillBatches), String(n.decodeBatches + n.mixedBatches), String(n.memorySnapshots), `${n.parallel.tp ?? "?"}/${n.parallel.dp ?? "?"}/${n.parallel.ep ?? "?"}`, n.notes.join("; ")]);
  console.log(textTable(["Node", "Type", "Worker", "Prefill batches", "Decode batches", "Memory", "TP/DP/EP", "Notes"], rows));
  console.log(`\n${nodes.length} workers, ${issues.length} issues`);
  for (const issue of issues.slice(0, 20)) console.log(`${issue.file}${issue.line !== null ? `:${issue.line}` : ""}: ${issue.message}`);
  if (issues.length > 20) console.log(`... and ${issues.length - 20} more (see --json)`);
  return 0;
}
