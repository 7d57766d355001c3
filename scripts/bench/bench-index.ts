// `npm run bench index [RUNS]` (also part of `npm run bench`): `srtlog runs --logs DIR --json` over
// 1,000 small generated runs as whole processes, cold (no .cache anywhere, fresh process) and warm
// (the logs dir's run index in place; the CLI writes no per-run caches), beside `cat` of the same files,
// and, where this user may drop the OS page cache (root on a VM), both again with the disk cold too. Issue 15's row: the Python original's `RunLoader.load_all` took
// 3.7-3.8 s cold and 3.0-4.0 s warm on the 1,000-run tree (54 MB); it is not installed here,
// so its figures are quoted, not measured.
import { execFileSync } from "node:child_process";
import { statSync, writeFileSync } from "node:fs";
import { BIN, median, row } from "./bench-cli";
import { madeOnce, removeCaches } from "./bench-dirs";


function indexTree(runs: number): Promise<string> {
  return madeOnce(`index-${runs}`, `${runs} runs x 10 concurrencies, one request each`, async (dir) => {
    const { generateBenchResults } = await import("./generate-bench-results");
    await generateBenchResults(dir, { runs, concurrencies: 10, promptsPerConcurrency: 1 });
  });
}


/** Empty the OS page cache so the next read comes from disk; false where this user may not. */
function dropPageCache(): boolean {
  try {
    execFileSync("sync");
    writeFileSync("/proc/sys/vm/drop_caches", "3");
    return true;
  } catch {
    return false;
  }
}

function files(dir: string): string[] {
  return execFileSync("find", [dir, "-name", "*.json", "-not", "-path", "*/.cache/*"], { encoding: "utf8", maxBuffer: 1 << 28 }).trim().split("\n");
}

export async function benchIndex(runs: number): Promise<void> {
  const logs = await indexTree(runs);
  const all = files(logs);
  const bytes = all.reduce((n, f) => n + statSync(f).size, 0);
  const catArgs = ["-e", `require("child_process").execFileSync("sh", ["-c", "find '${logs}' -name '*.json' -not -path '*/.cache/*' | xargs cat > /dev/null"])`];
  const cat = median(3, catArgs);
  const args = [BIN, "runs", "--logs", logs, "--json"];
  const cold = median(3, args, {}, () => removeCaches(logs));
  const warm = median(3, args);
  const diskCold = dropPageCache() ? { cat: median(3, catArgs, {}, dropPageCache), cold: median(3, args, {}, () => (removeCaches(logs), dropPageCache())) } : null;
  console.log(`\nRun index: srtlog runs --logs DIR --json, ${runs} runs, ${all.length} JSON files, ${(bytes / 2 ** 20).toFixed(0)} MB (whole processes, median of 3)`);
  row("floor  find | xargs cat of the files", cat);
  row("cold   no caches", cold, "(target <= 0.5x the Python original's 3.7-3.8 s)");
  row("warm   run index", warm, "(target <= 0.15x the Python original's 3.0-4.0 s)");
  if (diskCold) {
    row("floor  the same cat, OS page cache dropped", diskCold.cat);
    row("cold   no caches, OS page cache dropped", diskCold.cold, "(a first look at a tree just copied from the cluster)");
  } else console.log("  (OS page cache not dropped: /proc/sys/vm/drop_caches is not writable here)");
}
