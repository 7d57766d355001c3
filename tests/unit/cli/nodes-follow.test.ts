import { spawn } from "node:child_process";
import { appendFile, mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../helpers/temp-dir";

const BIN = path.resolve("bin/srtlog.mjs");
const decode = (sec: number, running: number) =>
  `[2026-05-07 13:40:${String(sec).padStart(2, "0")} DP0 TP0 EP0] Decode batch, #running-req: ${running}, #token: 7198, token usage: 0.0${running % 10}, cuda graph: True, gen throughput (token/s): ${running * 100}.5, #queue-req: 1\n`;

interface Line {
  bytesParsed: number;
  appended: string[];
  workers: { worker: string; batches: number; runningReq: number | null; genThroughput: number | null; lastBatch: string | null }[];
}

/** Start `srtlog nodes RUN --follow` with piped stdout (so JSON lines), and read its lines as they come. */
function follow(run: string) {
  const child = spawn(process.execPath, [BIN, "nodes", run, "--follow", "--interval", "0.2"], { stdio: ["ignore", "pipe", "pipe"] });
  const lines: Line[] = [];
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  createInterface({ input: child.stdout }).on("line", (line) => lines.push(JSON.parse(line)));
  const waitFor = async (test: (line: Line) => boolean, what: string) => {
    for (let i = 0; i < 150; i++) {
      const hit = lines.find(test);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no line with ${what}; got ${JSON.stringify(lines)}; stderr ${stderr}`);
  };
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, lines, waitFor, exit, stderr: () => stderr };
}

describe("srtlog nodes --follow", () => {
  it("prints a JSON line per change as lines are appended, waits for half-written lines, and exits 0 on Ctrl-C", async () => {
    const run = path.join(await tempDir("srtlog-follow-cli-"), "4401463");
    await mkdir(path.join(run, "logs"), { recursive: true });
    const log = path.join(run, "logs", "eos0001_decode_w0.out");
    await writeFile(log, decode(1, 8));
    const f = follow(run);
    const first = await f.waitFor((l) => l.workers.length === 1, "the first table");
    expect(first.workers[0]).toMatchObject({ worker: "eos0001 decode w0", batches: 1, runningReq: 8, genThroughput: 800.5, lastBatch: "2026-05-07T13:40:01.000Z" });

    const added = decode(2, 9) + decode(3, 12);
    await appendFile(log, added);
    const grown = await f.waitFor((l) => l.workers[0].batches === 3, "3 batches");
    expect(grown.bytesParsed).toBe(Buffer.byteLength(added));
    expect(grown.appended).toEqual(["logs/eos0001_decode_w0.out"]);
    expect(grown.workers[0]).toMatchObject({ runningReq: 12, genThroughput: 1200.5, lastBatch: "2026-05-07T13:40:03.000Z" });

    // Half a line: nothing to report until its newline arrives.
    const next = decode(4, 15);
    const before = f.lines.length;
    await appendFile(log, next.slice(0, 30));
    await new Promise((r) => setTimeout(r, 800));
    expect(f.lines.length).toBe(before);
    await appendFile(log, next.slice(30));
    const whole = await f.waitFor((l) => l.workers[0].batches === 4, "4 batches");
    expect(whole.bytesParsed).toBe(Buffer.byteLength(next));
    expect(whole.workers[0].runningReq).toBe(15);

    f.child.kill("SIGINT");
    expect(await f.exit).toBe(0);
    expect(f.stderr()).toBe("");
    // The state was saved as the node cache on the way out.
    expect((await stat(path.join(run, ".cache", "node_metrics.parquet"))).size).toBeGreaterThan(0);
  }, 40_000);

  it("refuses a path that is not a run directory with exit code 2", async () => {
    const f = follow(path.join(await tempDir(), "nope"));
    expect(await f.exit).toBe(2);
    expect(f.stderr()).toContain("--follow needs a run directory");
  }, 20_000);
});
