import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

/** True when the module at `moduleUrl` is the script node/tsx was started with. */
export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && pathToFileURL(resolve(entry)).href === moduleUrl;
}

/** Parses `--key=value` / `--key value` flags into numbers; positional args are returned separately. */
export function parseNumericFlags(argv: string[]): { positional: string[]; flags: Record<string, number> } {
  const positional: string[] = [];
  const flags: Record<string, number> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [key, inline] = arg.slice(2).split("=", 2);
    const raw = inline ?? argv[++i];
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new Error(`--${key} expects a number, got ${raw}`);
    flags[key] = value;
  }
  return { positional, flags };
}
