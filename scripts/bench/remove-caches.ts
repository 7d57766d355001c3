import { readdirSync, rmSync } from "node:fs";
import path from "node:path";

/** Every cache the loader keeps for a logs dir: its run index (`<logs>/.cache/`) and each run's `.cache/`. */
export function removeCaches(logsDir: string): void {
  rmSync(path.join(logsDir, ".cache"), { recursive: true, force: true });
  for (const entry of readdirSync(logsDir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== ".cache") rmSync(path.join(logsDir, entry.name, ".cache"), { recursive: true, force: true });
  }
}
