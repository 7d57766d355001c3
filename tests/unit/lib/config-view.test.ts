import { describe, expect, it } from "vitest";
import { envCategories, flagEntries, groupWorkers, overviewFacts, pickWorker, topologyCounts, type ConfigWorker } from "@/lib/config-view";
import { groupEnvironment, parseCommandLineFlags } from "@/parsers/node-config";
import { makeRun } from "./charts/make-run";

describe("envCategories", () => {
  it("groups variables into NCCL, SGLANG, CUDA, Mooncake, OMPI and Other, sorted, with NCCL and SGLANG open", () => {
    const env = groupEnvironment({
      PATH: "/usr/bin",
      NCCL_SOCKET_IFNAME: "enP6p9s0np0",
      TORCH_NCCL_ASYNC_ERROR_HANDLING: 1,
      NCCL_IB_HCA: "mlx5_0,mlx5_1",
      SGLANG_ENABLE_JIT_DEEPGEMM: "1",
      DYN_SKIP_SGLANG_LOG_FORMATTING: "1",
      CUDA_DEVICE_MAX_CONNECTIONS: "1",
      MC_TE_METRIC: "true",
      OMPI_MCA_btl_tcp_if_include: "enP6p9s0np0",
      HOSTNAME: "eos0234",
    });
    const categories = envCategories(env);
    expect(categories.map((c) => [c.title, c.open, c.vars.map(([name]) => name)])).toEqual([
      ["NCCL", true, ["NCCL_IB_HCA", "NCCL_SOCKET_IFNAME", "TORCH_NCCL_ASYNC_ERROR_HANDLING"]],
      ["SGLANG", true, ["DYN_SKIP_SGLANG_LOG_FORMATTING", "SGLANG_ENABLE_JIT_DEEPGEMM"]],
      ["CUDA", false, ["CUDA_DEVICE_MAX_CONNECTIONS"]],
      ["Mooncake", false, ["MC_TE_METRIC"]],
      ["OMPI", false, ["OMPI_MCA_btl_tcp_if_include"]],
      ["Other", false, ["HOSTNAME", "PATH"]],
    ]);
    expect(categories[0].vars[2]).toEqual(["TORCH_NCCL_ASYNC_ERROR_HANDLING", "1"]);
  });
});

describe("flagEntries", () => {
  it("shows the command line's flags in order: values, bare flags, repeated flags and one-letter flags", () => {
    const { flags, positional } = parseCommandLineFlags(
      "python3 -m dynamo.sglang --model-path /model/ --tp-size 4 --trust-remote-code --context-length=131072 --lora-paths a --lora-paths b --mem-fraction-static 0.88",
    );
    expect(positional).toEqual(["python3"]);
    expect(flagEntries(flags)).toEqual([
      { flag: "-m", value: "dynamo.sglang" },
      { flag: "--model-path", value: "/model/" },
      { flag: "--tp-size", value: "4" },
      { flag: "--trust-remote-code", value: "" },
      { flag: "--context-length", value: "131072" },
      { flag: "--lora-paths", value: "a b" },
      { flag: "--mem-fraction-static", value: "0.88" },
    ]);
  });
});

describe("node selector", () => {
  const worker = (key: string, role: ConfigWorker["role"], configFile: string | null = `${key}.json`): ConfigWorker => ({ key, node: key, role, label: key, configFile });
  const workers = [worker("d0", "decode"), worker("x", null), worker("p0", "prefill", null), worker("p1", "prefill"), worker("a0", "agg")];

  it("groups prefill, decode, then other (aggregated workers and stray dumps)", () => {
    expect(groupWorkers(workers).map((g) => [g.title, g.workers.map((w) => w.key)])).toEqual([
      ["Prefill", ["p0", "p1"]],
      ["Decode", ["d0"]],
      ["Other", ["x", "a0"]],
    ]);
  });

  it("picks the URL's worker, else the first with a config dump", () => {
    expect(pickWorker(workers, "a0")?.key).toBe("a0");
    expect(pickWorker(workers, "gone")?.key).toBe("d0");
    expect(pickWorker([worker("p0", "prefill", null)], undefined)?.key).toBe("p0");
    expect(pickWorker([], undefined)).toBeNull();
  });
});

describe("overview and topology figures", () => {
  it("nodes, GPU type, ISL/OSL, profiler and model", () => {
    expect(overviewFacts(makeRun(), "deepseek-ai/DeepSeek-R1")).toEqual([
      { title: "Nodes", value: "1 prefill + 4 decode (5 in all)" },
      { title: "GPU Type", value: "H100 (NVIDIA H100 80GB HBM3)" },
      { title: "ISL/OSL", value: "1024/1024" },
      { title: "Profiler", value: "sa-bench" },
      { title: "Model", value: "deepseek-ai/DeepSeek-R1" },
    ]);
    const agg = makeRun({ meta: { mode: "aggregated", aggNodes: 2, gpuType: "h100", modelPath: "/models/qwen3-32b" } });
    expect(overviewFacts(agg, null).map((f) => f.value)).toEqual(["2 aggregated", "H100", "1024/1024", "sa-bench", "/models/qwen3-32b"]);
  });

  it("prefill, decode, aggregated when present, frontend", () => {
    expect(topologyCounts({ prefill: 2, decode: 1, agg: 0, frontend: 1 }).map((f) => `${f.title} ${f.value}`)).toEqual(["Prefill 2", "Decode 1", "Frontend 1"]);
    expect(topologyCounts({ prefill: 0, decode: 0, agg: 8, frontend: 1 }).map((f) => f.title)).toEqual(["Prefill", "Decode", "Aggregated", "Frontend"]);
  });
});
