import { existsSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { SrtlogError } from "../lib/errors";

/** Parse flags, turning node's errors into one clear line (exit code 2). */
export function parseFlags<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new SrtlogError("bad_input", (error as Error).message.split("\n")[0]);
  }
}

/** The logs directory: --logs, else $SRTLOG_LOGS_DIR, else ./outputs (srtctl's default), else ./logs. */
export function logsDirOf(flag: string | undefined): string {
  return flag || process.env.SRTLOG_LOGS_DIR || (existsSync("outputs") ? "outputs" : "logs");
}

/** --interval in seconds (default 2), as ms; at least 0.1 s so a typo cannot spin the CPU. */
export function intervalMs(flag: string | undefined): number {
  if (flag === undefined) return 2000;
  const seconds = Number(flag);
  if (!Number.isFinite(seconds) || seconds < 0.1) throw new SrtlogError("bad_input", `--interval must be a number of seconds >= 0.1, got '${flag}'`);
  return seconds * 1000;
}
