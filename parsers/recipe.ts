import { parse } from "yaml";
import { parseConcurrencyList } from "./run-metadata";

export type RecipeParse = { ok: true; recipe: Record<string, unknown>; concurrencies: number[] | null } | { ok: false; reason: string };

/** Parse a run's `config.yaml` (the srtctl recipe); v2 metadata leaves concurrencies to it. */
export function parseRecipe(text: string): RecipeParse {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    return { ok: false, reason: `config.yaml is not valid YAML: ${error instanceof Error ? error.message.split("\n")[0] : error}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, reason: "config.yaml is not a mapping" };
  const recipe = value as Record<string, unknown>;
  const benchmark = recipe.benchmark as Record<string, unknown> | undefined;
  return { ok: true, recipe, concurrencies: parseConcurrencyList(benchmark?.concurrencies) };
}

/** `benchmark:` at top level, then its indented lines (blank and comment lines included). */
const BENCHMARK_BLOCK = /^benchmark:[ \t]*(?:#.*)?\r?\n((?:(?:[ \t]+.*|[ \t]*(?:#.*)?)(?:\r?\n|$))*)/m;
const CONCURRENCIES_LINE = /^([ \t]+)concurrencies:[ \t]*(.*?)[ \t]*(?:#.*)?$/m;
const FLOW_LIST = /^\[([\d\s,]*)\]$/;
const PLAIN_VALUE = /^(["']?)([\dx, ]+)\1$/;

/**
 * `benchmark.concurrencies` of a recipe without a YAML parser, for the common spellings (flow list,
 * `"4x8x16"`, a number, a block list of numbers); undefined when the text needs the real parser.
 * Loading 100 runs spent most of its time parsing YAML for this one key.
 */
export function quickRecipeConcurrencies(text: string): number[] | null | undefined {
  const block = BENCHMARK_BLOCK.exec(text);
  if (!block) return /^benchmark\s*:/m.test(text) ? undefined : null;
  const line = CONCURRENCIES_LINE.exec(block[1]);
  if (!line) return /concurrencies/.test(block[1]) ? undefined : null;
  const value = line[2];
  const flow = FLOW_LIST.exec(value);
  if (flow) return parseConcurrencyList(flow[1].split(",").filter((part) => part.trim() !== ""));
  const plain = PLAIN_VALUE.exec(value);
  if (plain) return parseConcurrencyList(plain[2]);
  if (value !== "") return undefined;
  const items = block[1].slice(line.index + line[0].length).replace(/^\r?\n/, "").split(/\r?\n/);
  const numbers: string[] = [];
  for (const item of items) {
    const entry = /^[ \t]+-[ \t]+(\d+)[ \t]*$/.exec(item);
    if (!entry) break;
    numbers.push(entry[1]);
  }
  return numbers.length > 0 ? parseConcurrencyList(numbers) : undefined;
}

/** The recipe's concurrencies: the quick reading when it is sure, else the YAML parser's. */
export function recipeConcurrencies(text: string): number[] | null {
  const quick = quickRecipeConcurrencies(text);
  if (quick !== undefined) return quick;
  const parsed = parseRecipe(text);
  return parsed.ok ? parsed.concurrencies : null;
}
