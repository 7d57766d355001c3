import { z } from "zod";

/** Roles a process log file can belong to. */
export const logRoleSchema = z.enum(["prefill", "decode", "agg", "frontend", "nginx", "router"]);
export type LogRole = z.infer<typeof logRoleSchema>;

/** What a per-process log file name says about its process. */
export const logFileNameSchema = z.object({
  node: z.string().min(1),
  role: logRoleSchema,
  /** `w0` for workers, `0` for frontends/routers, null for nginx (one per node). */
  workerId: z.string().nullable(),
  /** The numeric part of workerId. */
  index: z.number().int().nullable(),
  /** DP rank of a per-DP-rank worker log (`<node>_agg_w0_DP3.out`); absent for other names. */
  dp: z.number().int().optional(),
  ext: z.enum([".out", ".err"]),
});
export type LogFileName = z.infer<typeof logFileNameSchema>;

/** What a `--dump-config-to` file name says. */
export const configFileNameSchema = z.object({
  node: z.string().min(1),
  /** Only in the `<node>_<role>_config.json` spelling the old docs show. */
  role: z.enum(["prefill", "decode", "agg"]).optional(),
});
export type ConfigFileName = z.infer<typeof configFileNameSchema>;

/*
 * Anchored at the end with a greedy node part, so the role is the LAST `_<role>` segment: node names
 * may themselves contain `_` and `-` (`gpu_node_01`, `watchtower-navy-cn01`).
 */
const WORKER = /^(.+)_(prefill|decode|agg)_w(\d+)(?:_DP(\d+))?$/;
const FRONTEND = /^(.+)_(frontend|router)_(\d+)$/;
const NGINX = /^(.+)_nginx$/;
const CONFIG = /^(.+?)(?:_(prefill|decode|agg))?_config\.json$/;

/** The last path segment, for callers that pass a path. */
function baseName(name: string): string {
  const slash = Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\"));
  return slash >= 0 ? name.slice(slash + 1) : name;
}

function splitExtension(name: string): { stem: string; ext: ".out" | ".err" } | null {
  if (name.endsWith(".out")) return { stem: name.slice(0, -4), ext: ".out" };
  if (name.endsWith(".err")) return { stem: name.slice(0, -4), ext: ".err" };
  return null;
}

/**
 * Reads `<node>_<prefill|decode|agg>_w<i>.out|.err` (also with a `_DP<d>` suffix: srt-slurm writes
 * one log per DP rank for some workers, e.g. `bia0004_agg_w0_DP0.out`), `<node>_frontend_<i>.out`, `<node>_router_<i>.out`
 * and `<node>_nginx.out`. Anything else (`benchmark.out`, `log.out`, `sweep_<job>.log`,
 * `<node>_prefill_w0_gpu_utilization.log`, `<node>_config.json`, ...) gives null.
 */
export function parseLogFileName(name: string): LogFileName | null {
  const split = splitExtension(baseName(name));
  if (split === null) return null;
  const { stem, ext } = split;
  const worker = WORKER.exec(stem);
  if (worker !== null) {
    const name: LogFileName = { node: worker[1], role: worker[2] as LogRole, workerId: `w${worker[3]}`, index: Number(worker[3]), ext };
    if (worker[4] !== undefined) name.dp = Number(worker[4]);
    return name;
  }
  const frontend = FRONTEND.exec(stem);
  if (frontend !== null) {
    return { node: frontend[1], role: frontend[2] as LogRole, workerId: frontend[3], index: Number(frontend[3]), ext };
  }
  const nginx = NGINX.exec(stem);
  if (nginx !== null) return { node: nginx[1], role: "nginx", workerId: null, index: null, ext };
  return null;
}

/**
 * Reads `<node>_config.json` (what srt-slurm writes) and `<node>_<role>_config.json` (what its old
 * docs show); null for any other name (`trtllm_config_prefill.yaml`, `fingerprint_prefill_w0.json`).
 */
export function parseConfigFileName(name: string): ConfigFileName | null {
  const match = CONFIG.exec(baseName(name));
  if (match === null) return null;
  const role = match[2] as ConfigFileName["role"];
  return role === undefined ? { node: match[1] } : { node: match[1], role };
}
