// One run whose single sa-bench result is ~100 MB of per-request arrays (itls a list per request),
// the Requests view's worst case. Deterministic, so figures compare across machines and commits.
import { createWriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

/** Python's repr of a float: up to 17 significant digits, as json.dump writes them. */
const py = (x: number) => String(x);

export async function generateRequestResult(runDir: string, requests = 6000, tokens = 700): Promise<string> {
  const results = path.join(runDir, "sa-bench_isl_1024_osl_700");
  await mkdir(results, { recursive: true });
  const metadata = { job_id: "9100", generated_at: "2026-12-01 10:00:00", backend_type: "sglang", resources: { gpu_type: "gb200", gpus_per_node: 4, agg_nodes: 2, agg_workers: 2 }, benchmark: { type: "sa-bench", isl: 1024, osl: tokens } };
  await writeFile(path.join(runDir, "9100.json"), JSON.stringify(metadata));
  const file = path.join(results, "results_concurrency_256_gpus_8.json");
  const out = createWriteStream(file);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", () => resolve())));
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const idx = Array.from({ length: requests }, (_, i) => i);
  await write(`{"date": "20261201-100000", "backend": "dynamo", "max_concurrency": 256, "duration": 600.5, "completed": ${requests}, "total_output_tokens": ${requests * tokens}, "output_throughput": 7000.0, "mean_ttft_ms": 250.0, "mean_tpot_ms": 30.0, `);
  await write(`"input_lens": [${idx.map(() => 1000 + Math.floor(rand() * 48)).join(", ")}], "output_lens": [${idx.map(() => tokens).join(", ")}], `);
  await write(`"ttfts": [${idx.map(() => py(0.05 + rand() * 0.5)).join(", ")}], "itls": [`);
  for (const i of idx) await write(`${i ? ", " : ""}[${Array.from({ length: tokens - 1 }, () => py(0.02 + rand() * 0.02)).join(", ")}]`);
  await write(`], "generated_texts": [${idx.map(() => JSON.stringify("lorem ipsum ".repeat(40))).join(", ")}], "errors": [${idx.map((i) => (i % 997 === 0 ? '"HTTP 503"' : '""')).join(", ")}]}`);
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return file;
}
