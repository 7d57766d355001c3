// The SGLang ServerArgs of one worker, rendered three ways: the server_args log line, the
// dynamo --dump-config-to <node>_config.json file, and the worker's command line.
import { PyFloat, pyDumps, type PyValue } from "./py-json";
import { chunkedPrefillSize, maxRunningRequests, type RunSpec, type WorkerSpec } from "./run-spec";

type Arg = [key: string, value: string | number | boolean | null | PyFloat];

export function serverArgs(s: RunSpec, w: WorkerSpec): Arg[] {
  const mla = s.model.mla;
  return [
    ["model_path", "/model/"],
    ["tokenizer_path", "/model/"],
    ["tokenizer_mode", "auto"],
    ["load_format", "auto"],
    ["trust_remote_code", true],
    ["dtype", "auto"],
    ["kv_cache_dtype", mla ? "fp8_e4m3" : "auto"],
    ["quantization", s.model.quantization],
    ["context_length", s.model.contextLength],
    ["device", "cuda"],
    ["served_model_name", s.model.servedName],
    ["host", "0.0.0.0"],
    ["port", 30000],
    ["mem_fraction_static", new PyFloat(w.role === "prefill" ? 0.84 : 0.88)],
    ["max_running_requests", maxRunningRequests(w)],
    ["chunked_prefill_size", chunkedPrefillSize(s)],
    ["max_prefill_tokens", 16384],
    ["schedule_policy", "fcfs"],
    ["page_size", mla ? 64 : 1],
    ["tp_size", w.tp],
    ["pp_size", 1],
    ["stream_interval", s.streamInterval],
    ["random_seed", 1234],
    ["log_level", "info"],
    ["decode_log_interval", s.log.decodeLogInterval],
    ["dp_size", w.dp],
    ["load_balance_method", "round_robin"],
    ["ep_size", w.ep],
    ["enable_dp_attention", w.dp > 1],
    ["attention_backend", mla ? "flashinfer" : "fa3"],
    ["disaggregation_mode", w.role === "agg" ? "null" : w.role],
    ["disaggregation_transfer_backend", "nixl"],
    ["disaggregation_bootstrap_port", 8998],
    ["cuda_graph_max_bs", w.role === "prefill" ? null : 256],
    ["disable_cuda_graph", w.role === "prefill"],
    ["enable_metrics", true],
    ["watchdog_timeout", new PyFloat(1000000)],
  ];
}

function pyRepr(v: Arg[1]): string {
  if (v === null) return "None";
  if (v instanceof PyFloat) return pyDumps(v);
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "string") return `'${v}'`;
  return String(v);
}

/** `server_args=ServerArgs(model_path='/model/', ...)` (2025) or `server_args={'model_path': ...}` (2026). */
export function serverArgsLogText(s: RunSpec, w: WorkerSpec): string {
  const args = serverArgs(s, w);
  if (s.log.era === "2026") return `server_args={${args.map(([k, v]) => `'${k}': ${pyRepr(v)}`).join(", ")}}`;
  return `server_args=ServerArgs(${args.map(([k, v]) => `${k}=${pyRepr(v)}`).join(", ")})`;
}

export function commandLine(s: RunSpec, w: WorkerSpec): string[] {
  const args = ["python3", "-m", "dynamo.sglang", "--model-path", "/model/", "--served-model-name", s.model.servedName];
  args.push("--tp-size", String(w.tp), "--dp-size", String(w.dp), "--ep-size", String(w.ep));
  if (w.dp > 1) args.push("--enable-dp-attention");
  if (w.role !== "agg") args.push("--disaggregation-mode", w.role, "--disaggregation-transfer-backend", "nixl");
  args.push("--trust-remote-code", "--stream-interval", String(s.streamInterval));
  args.push("--decode-log-interval", String(s.log.decodeLogInterval));
  if (s.model.mla) args.push("--kv-cache-dtype", "fp8_e4m3", "--attention-backend", "flashinfer");
  const dumpFlag = s.layout === "legacy" ? "--dump-config-path" : "--dump-config-to";
  args.push(dumpFlag, `/logs/${w.node}_config.json`);
  return args;
}

function environment(s: RunSpec, w: WorkerSpec): Record<string, PyValue> {
  return {
    CUDA_DEVICE_MAX_CONNECTIONS: "1",
    DYN_SKIP_SGLANG_LOG_FORMATTING: "1",
    HOSTNAME: w.node,
    MC_TE_METRIC: "true",
    NCCL_IB_HCA: "mlx5_0,mlx5_1,mlx5_2,mlx5_3",
    NCCL_SOCKET_IFNAME: "enP6p9s0np0",
    OMPI_MCA_btl_tcp_if_include: "enP6p9s0np0",
    PATH: "/usr/local/nvidia/bin:/usr/local/cuda/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    SGLANG_DG_CACHE_DIR: "/configs/deepgemm-cache",
    SGLANG_ENABLE_JIT_DEEPGEMM: "1",
    SGLANG_DISAGGREGATION_BOOTSTRAP_TIMEOUT: "1800",
    SLURM_JOB_ID: s.jobId,
  };
}

const platformFor = (s: RunSpec) =>
  s.gpu.name.includes("GB200") ? "Linux-6.8.0-1021-nvidia-64k-aarch64-with-glibc2.39" : "Linux-5.15.0-1063-nvidia-x86_64-with-glibc2.39";

/** Compact, key-sorted JSON as dynamo's config dumper writes it. */
export function nodeConfigJson(s: RunSpec, w: WorkerSpec): string {
  const serverArgsObj: Record<string, PyValue> = {};
  for (const [k, v] of serverArgs(s, w)) serverArgsObj[k] = v;
  const perNode = Number(s.gpusPerNode);
  const gpu = { name: s.gpu.name, memory_total: `${s.gpu.memoryMiB} MiB`, driver_version: s.gpu.driver };
  const doc: PyValue = {
    config: { server_args: serverArgsObj, dynamo_args: {} },
    dynamo_version: s.dynamoVersion,
    environment: environment(s, w),
    gpu_info: { count: perNode, gpus: Array.from({ length: perNode }, () => ({ ...gpu })) },
    installed_packages: { "ai-dynamo": s.dynamoVersion, sglang: s.sglangVersion, torch: "2.8.0+cu129", "nixl": "0.6.1" },
    runtime_info: { command_line_args: commandLine(s, w) },
    sglang_version: s.sglangVersion,
    system_info: { hostname: w.node, platform: platformFor(s), python_version: "3.12.3" },
  };
  return pyDumps(doc, { sortKeys: true, compact: true });
}
