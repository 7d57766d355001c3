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
