// Lays out fresh logs dirs for the e2e server: the golden loader fixtures' runs in one directory and,
// when a second target is given, the generated demo (worker logs and node configs of both layouts,
// disaggregated and aggregated runs) for the node tabs.
import { execFileSync } from "node:child_process";
import { cp, rm, readdir } from "node:fs/promises";
import path from "node:path";

const [target, demoTarget] = process.argv.slice(2);
if (!target) throw new Error("usage: prepare-logs.mjs TARGET_DIR [DEMO_TARGET_DIR]");
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
if (demoTarget) execFileSync(process.execPath, ["--import", "tsx", "scripts/demo/generate-demo.ts", demoTarget], { stdio: "inherit" });
