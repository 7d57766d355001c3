// Lays out fresh logs dirs for the e2e server: the golden loader fixtures' runs in one directory and,
// when a second target is given, the generated demo (worker logs and node configs of both layouts,
// disaggregated and aggregated runs) for the node tabs.
import { execFileSync } from "node:child_process";
import { appendFile, cp, readFile, readdir, rm, utimes, writeFile } from "node:fs/promises";
import path from "node:path";

const [target, demoTarget, diffTarget, rolesTarget] = process.argv.slice(2);
if (!target) throw new Error("usage: prepare-logs.mjs TARGET_DIR [DEMO_TARGET_DIR [DIFF_TARGET_DIR [ROLES_TARGET_DIR]]]");
// A run dir made read-only (chattr +i) by an interrupted test would block the rm below.
try {
  execFileSync("chattr", ["-R", "-i", target], { stdio: "ignore" });
} catch {}
await rm(target, { recursive: true, force: true });
const casesDir = path.resolve("tests/fixtures/loader");
for (const name of await readdir(casesDir)) {
  const logs = path.join(casesDir, name, "logs");
  await cp(logs, target, { recursive: true, force: false, errorOnExist: false }).catch(() => {});
}
if (demoTarget) {
  execFileSync(process.execPath, ["--import", "tsx", "scripts/demo/generate-demo.ts", demoTarget], { stdio: "inherit" });
  // Run health: one CUDA OOM (PyTorch's message, as in tests/fixtures/health/worker.err) at the end of one
  // prefill worker's log, so run 3667 carries a "1 OOM" badge; after the batch lines, the node tabs see no change.
  const oom = "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 79.19 GiB of which 1.02 GiB is free.\n";
  await appendFile(path.join(demoTarget, "3667_1P_4D_20251110_192145", "watchtower-navy-cn01_prefill_w0.err"), oom);
}

/**
 * The Run Diff's A/B pair: two copies of fixture run 4410001 (4410001 tagged "before", 4410002 "after")
 * whose recipes differ in exactly one setting, recipe.slurm.time_limit. "after" also delivers 10 % more
 * output throughput at every point (same latencies), so Compare has a known Δ of +10 % to show.
 */
async function scaleOutputThroughput(resultsDir, factor) {
  for (const name of await readdir(resultsDir)) {
    const file = path.join(resultsDir, name);
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace(/("output_throughput":\s*)(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)/g, (_, key, value) => `${key}${Number(value) * factor}`));
  }
}

async function writeDiffPair(dir) {
  const source = path.resolve("tests/fixtures/loader/result-variants/logs/4410001");
  await rm(dir, { recursive: true, force: true });
  for (const [jobId, timeLimit, tag] of [["4410001", "01:00:00", "before"], ["4410002", "02:00:00", "after"]]) {
    const run = path.join(dir, jobId);
    await cp(source, run, { recursive: true });
    const metadata = JSON.parse(await readFile(path.join(run, "4410001.json"), "utf8"));
    await rm(path.join(run, "4410001.json"));
    await writeFile(path.join(run, `${jobId}.json`), JSON.stringify({ ...metadata, job_id: jobId, tags: [tag] }, null, 2));
    await appendFile(path.join(run, "config.yaml"), `slurm:\n  time_limit: "${timeLimit}"\n`);
    if (jobId === "4410002") await scaleOutputThroughput(path.join(run, "logs", "sa-bench_isl_1024_osl_128"), 1.1);
  }
}
if (diffTarget) await writeDiffPair(diffTarget);

/** Issue 20's 1P2D run whose node n1 hosts prefill w0 and decode w0 (tests/fixtures/roles/README.md). */
if (rolesTarget) {
  await rm(rolesTarget, { recursive: true, force: true });
  await cp(path.resolve("tests/fixtures/roles/logs"), rolesTarget, { recursive: true });
}

/**
 * Fixture runs are finished runs: date their files a day back, or a fresh copy of a run with a
 * missing concurrency would look like a job still writing (see lib/live/run-activity.ts) and its
 * pages would follow it live. dashboard-live.spec.ts makes its own running run.
 */
async function backdate(dir, when) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await backdate(full, when);
    else if (entry.isFile()) await utimes(full, when, when);
  }
}
const dayAgo = new Date(Date.now() - 86_400_000);
for (const dir of [target, demoTarget, diffTarget, rolesTarget]) if (dir) await backdate(dir, dayAgo);
