// <jobid>.json in both generations (v1.0 nested, legacy slurm_runner; v2.0 flat, srtctl) and the
// recipe config.yaml that current runs copy next to it.
import { pyDumps, type PyValue } from "./py-json";
import { roleWorkers, type RunSpec } from "./run-spec";
import { formatCompactTime, formatLogTime } from "./time-format";

export function metadataJson(s: RunSpec): string {
  const doc = s.layout === "legacy" ? metadataV1(s) : metadataV2(s);
  return pyDumps(doc, { indent: 2 }) + "\n";
}

function topologyV1(s: RunSpec): Record<string, PyValue> {
  const r = s.resources;
  if (s.mode === "aggregated") return { agg_nodes: r.aggNodes, agg_workers: r.aggWorkers };
  return {
    prefill_nodes: r.prefillNodes,
    decode_nodes: r.decodeNodes,
    prefill_workers: r.prefillWorkers,
    decode_workers: r.decodeWorkers,
  };
}

function metadataV1(s: RunSpec): PyValue {
  return {
    version: "1.0",
    generated_at: formatLogTime(s.submitSec),
    run_metadata: {
      slurm_job_id: s.jobId, // v1 keeps the job id as a string
      run_date: formatCompactTime(s.submitSec, "_"),
      job_name: s.jobName,
      account: "coreai_dlalgo_llm",
      partition: "batch",
      time_limit: "04:00:00",
      container: s.container,
      model_dir: s.model.path,
      config_dir: "/lustre/fsw/coreai_dlalgo_llm/srt-slurm/configs",
      gpus_per_node: s.gpusPerNode,
      network_interface: "enP6p9s0np0",
      gpu_type: s.gpu.label,
      script_variant: "max-tpt",
      use_init_location: false,
      enable_config_dump: true,
      use_dynamo_whls: true,
      log_dir: `/lustre/fsw/coreai_dlalgo_llm/srt-slurm/logs`,
      mode: s.mode,
      ...topologyV1(s),
      enable_multiple_frontends: false,
      num_additional_frontends: 0,
    },
    profiler_metadata: {
      type: "sa-bench",
      isl: String(s.isl),
      osl: String(s.osl),
      concurrencies: s.concurrencies.join("x"),
      "req-rate": "inf",
    },
    tags: s.tags,
  };
}

function metadataV2(s: RunSpec): PyValue {
  const r = s.resources;
  return {
    version: "2.0",
    orchestrator: true,
    job_id: s.jobId,
    job_name: s.jobName,
    generated_at: formatLogTime(s.submitSec),
    model: { path: s.modelAlias ?? s.model.path, container: s.containerAlias ?? s.container, precision: s.model.precision },
    resources: {
      gpu_type: s.gpu.label,
      gpus_per_node: Number(s.gpusPerNode),
      prefill_nodes: r.prefillNodes,
      decode_nodes: r.decodeNodes,
      agg_nodes: r.aggNodes,
      prefill_workers: r.prefillWorkers,
      decode_workers: r.decodeWorkers,
      agg_workers: r.aggWorkers,
      gpus_per_prefill: r.gpusPerPrefill,
      gpus_per_decode: r.gpusPerDecode,
      gpus_per_agg: r.gpusPerAgg,
    },
    backend_type: "sglang",
    frontend_type: "dynamo",
    benchmark: { type: "sa-bench", isl: s.isl, osl: s.osl }, // v2 no longer records concurrencies
    tags: s.tags,
  };
}

/** The recipe as the user wrote it (YAML written by hand: no yaml dependency). */
export function recipeYaml(s: RunSpec): string {
  const r = s.resources;
  const lines = [
    `name: "${s.jobName}"`,
    "",
    "model:",
    `  path: "${s.modelAlias ?? s.model.path}"`,
    `  container: "${s.containerAlias ?? s.container}"`,
    `  precision: "${s.model.precision}"`,
    "",
    "resources:",
    `  gpu_type: "${s.gpu.label}"`,
    `  gpus_per_node: ${Number(s.gpusPerNode)}`,
    ...yamlCounts(r),
    "",
    "frontend:",
    "  type: dynamo",
    "  enable_multiple_frontends: false",
    "",
    "backend:",
    "  type: sglang",
    ...recipeSglang(s),
    "",
    "benchmark:",
    "  type: sa-bench",
    `  isl: ${s.isl}`,
    `  osl: ${s.osl}`,
    s.concurrencyForm === "list"
      ? `  concurrencies: [${s.concurrencies.join(", ")}]`
      : `  concurrencies: "${s.concurrencies.join("x")}"`,
    "  req_rate: inf",
  ];
  return lines.join("\n") + "\n";
}

function yamlCounts(r: RunSpec["resources"]): string[] {
  const pairs: [string, number | null][] = [
    ["prefill_nodes", r.prefillNodes],
    ["decode_nodes", r.decodeNodes],
    ["prefill_workers", r.prefillWorkers],
    ["decode_workers", r.decodeWorkers],
    ["agg_nodes", r.aggNodes],
    ["agg_workers", r.aggWorkers],
    ["gpus_per_prefill", r.gpusPerPrefill],
    ["gpus_per_decode", r.gpusPerDecode],
    ["gpus_per_agg", r.gpusPerAgg],
  ];
  return pairs.filter(([, v]) => v !== null).map(([k, v]) => `  ${k}: ${v}`);
}

function recipeSglang(s: RunSpec): string[] {
  const lines = ["", "  sglang_config:"];
  const roles = s.mode === "aggregated" ? (["aggregated"] as const) : (["prefill", "decode"] as const);
  for (const role of roles) {
    const w = roleWorkers(s, role === "aggregated" ? "agg" : role)[0];
    lines.push(
      `    ${role}:`,
      `      served-model-name: "${s.model.servedName}"`,
      `      model-path: "/model/"`,
      `      trust-remote-code: true`,
      `      tensor-parallel-size: ${w.tp}`,
      ...(w.dp > 1 ? [`      data-parallel-size: ${w.dp}`, `      enable-dp-attention: true`] : []),
      ...(w.ep > 1 ? [`      expert-parallel-size: ${w.ep}`] : []),
      `      mem-fraction-static: ${role === "prefill" ? 0.84 : 0.88}`,
      `      stream-interval: ${s.streamInterval}`,
      `      decode-log-interval: ${s.log.decodeLogInterval}`,
    );
  }
  return lines;
}
