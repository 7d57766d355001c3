import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseConfigFile } from "../../parsers/trtllm-config";
import { parseRecipe } from "../../parsers/recipe";
import type { Run } from "../model";
import { metadataSettings, type RoleSettings, type RunSettings } from "../run-diff";
import { findNodeFiles } from "./node-files";

function readText(file: string): string | null {
  try {
    return readFileSync(/*turbopackIgnore: true*/ file, "utf8");
  } catch {
    return null;
  }
}

/**
 * The first config dump of each role (workers of a role share their settings), read without parsing
 * logs; a role whose workers have no dump proven to be theirs is listed as unknown, with why.
 */
function roleSettings(runPath: string): Pick<RunSettings, "roles" | "unknownRoles"> {
  const roles: Record<string, RoleSettings> = {};
  const unknownRoles: Record<string, string> = {};
  const workers = findNodeFiles(runPath).workers;
  for (const worker of workers) {
    if (roles[worker.workerType] || !worker.config) continue;
    const text = readText(path.join(/*turbopackIgnore: true*/ runPath, worker.config.rel));
    const parsed = text === null ? null : parseConfigFile(worker.config.rel, text);
    if (!parsed?.ok) continue;
    const { serverArgs, flags, environment } = parsed.config;
    roles[worker.workerType] = { serverArgs: serverArgs.raw, flags, environment: Object.assign({}, ...Object.values(environment)) };
  }
  for (const worker of workers) {
    if (roles[worker.workerType] || unknownRoles[worker.workerType]) continue;
    const notes = workers.filter((w) => w.workerType === worker.workerType && w.configNote).map((w) => w.configNote!.replace(/^config unknown: /, ""));
    unknownRoles[worker.workerType] = notes[0] ?? `no readable config dump of a ${worker.workerType} worker`;
  }
  return { roles, unknownRoles };
}

/** The recipe (`config.yaml` in the run dir, else in its logs/); null when there is none or it does not parse. */
function recipeOf(runPath: string): Record<string, unknown> | null {
  for (const rel of ["config.yaml", "logs/config.yaml"]) {
    const text = readText(path.join(/*turbopackIgnore: true*/ runPath, rel));
    if (text === null) continue;
    const parsed = parseRecipe(text);
    return parsed.ok ? parsed.recipe : null;
  }
  return null;
}

/** What the run diff compares for a run: metadata, per-role node configs and the recipe. */
export function getRunSettings(run: Run): RunSettings {
  return { metadata: metadataSettings(run), ...roleSettings(run.runPath), recipe: recipeOf(run.runPath) };
}
