import { describe, expect, it } from "vitest";
import { alignRoles, badge, diffRuns, flattenRun, type RunSettings } from "@/lib/run-diff";
import { filterRows, isIdentityKey, perfDeltaText, visibleRows } from "@/lib/run-diff-view";
import { makePoint, makeRun } from "./charts/make-run";

const role = (serverArgs: Record<string, unknown>, flags: Record<string, unknown> = {}, environment: Record<string, string> = {}) => ({ serverArgs, flags, environment });
const settings = (roles: RunSettings["roles"]): RunSettings => ({ metadata: { gpuType: "H200" }, roles, recipe: null });

describe("identity keys (issue 20 item 4)", () => {
  it("host names, SLURM_*, job ids, dist-init-addr, ports and node ranks name a run; tuning settings do not", () => {
    for (const key of ["decode.env.HOSTNAME", "prefill.env.SLURM_JOB_ID", "prefill.env.SLURM_NODELIST", "prefill.flags.dist-init-addr", "decode.server_args.dist_init_addr", "prefill.flags.port", "prefill.flags.nccl-port", "decode.server_args.disaggregation_bootstrap_port", "prefill.flags.node-rank", "metadata.job_id", "prefill.env.MASTER_ADDR", "prefill.flags.dump-config-to"]) {
      expect(isIdentityKey(key), key).toBe(true);
    }
    for (const key of ["decode.server_args.tp_size", "prefill.env.NCCL_IB_HCA", "recipe.resources.gpu_type", "decode.server_args.disaggregation_transfer_backend", "prefill.flags.max-num-seqs", "metadata.container"]) {
      expect(isIdentityKey(key), key).toBe(false);
    }
  });

  it("are left out unless asked for, and so is what both runs share unless asked for", () => {
    const rows = [
      { key: "decode.env.HOSTNAME", a: "n1", b: "n7", differs: true },
      { key: "decode.server_args.tp_size", a: "4", b: "8", differs: true },
      { key: "decode.server_args.mem_fraction_static", a: "0.8", b: "0.8", differs: false },
    ];
    expect(visibleRows(rows, { same: false, identity: false }).map((r) => r.key)).toEqual(["decode.server_args.tp_size"]);
    expect(badge(visibleRows(rows, { same: false, identity: false }))).toBe("single variable");
    expect(visibleRows(rows, { same: true, identity: true })).toHaveLength(3);
  });
});

describe("a flag shown once", () => {
  it("--tp-size is dropped when server_args.tp_size holds it; a flag with no server arg stays", () => {
    const flat = flattenRun(settings({ prefill: role({ tp_size: 8 }, { "tp-size": "8", "enable-dp-attention": true }) }));
    expect(flat["prefill.server_args.tp_size"]).toBe("8");
    expect(flat).not.toHaveProperty("prefill.flags.tp-size");
    expect(flat["prefill.flags.enable-dp-attention"]).toBe("true");
  });
});

describe("aggregated against disaggregated", () => {
  const agg = settings({ agg: role({ tp_size: 8, mem_fraction_static: 0.85 }) });
  const disagg = settings({ prefill: role({ tp_size: 4, mem_fraction_static: 0.85 }), decode: role({ tp_size: 8, mem_fraction_static: 0.85 }) });

  it("compares the agg workers with prefill and with decode, instead of every setting missing on one side", () => {
    const rows = diffRuns(agg, disagg).filter((r) => r.key.includes(".server_args."));
    expect(rows).toEqual([
      { key: "decode.server_args.mem_fraction_static", a: "0.85", b: "0.85", differs: false },
      { key: "decode.server_args.tp_size", a: "8", b: "8", differs: false },
      { key: "prefill.server_args.mem_fraction_static", a: "0.85", b: "0.85", differs: false },
      { key: "prefill.server_args.tp_size", a: "8", b: "4", differs: true },
    ]);
    expect(alignRoles(agg, disagg).note).toBe("Run A is aggregated and run B is not: A's agg settings are compared with B's prefill and decode settings.");
    expect(alignRoles(disagg, agg).note).toBe("Run B is aggregated and run A is not: B's agg settings are compared with A's prefill and decode settings.");
    expect(alignRoles(disagg, disagg).note).toBeNull();
  });
});

describe("filter box", () => {
  const rows = [
    { key: "decode.server_args.tp_size", a: "4", b: "8", differs: true },
    { key: "prefill.env.NCCL_IB_HCA", a: "mlx5_0", b: "mlx5_1", differs: true },
  ];
  it("keeps rows whose key or value holds the text, any case", () => {
    expect(filterRows(rows, "TP_SIZE").map((r) => r.key)).toEqual(["decode.server_args.tp_size"]);
    expect(filterRows(rows, "mlx5_1").map((r) => r.key)).toEqual(["prefill.env.NCCL_IB_HCA"]);
    expect(filterRows(rows, "  ")).toHaveLength(2);
  });
});

describe("performance delta at the top", () => {
  // A: TPOT 50 ms (20 TPS/User) at 8000 tok/s and TPOT 10 ms (100 TPS/User) at 800 tok/s on 8 GPUs; B: 10 % more output.
  const run = (jobId: string, factor: number, tpots = [50, 10]) =>
    makeRun({ jobId, runDir: jobId, totalGpus: 8, points: [makePoint({ concurrency: 64, meanTpotMs: tpots[0], outputTps: 8000 * factor }), makePoint({ concurrency: 4, meanTpotMs: tpots[1], outputTps: 800 * factor })] });

  it("Δ Output TPS/GPU of B against A at matched TPS/User", () => {
    expect(perfDeltaText(run("a", 1), run("b", 1.1))).toBe("Δ Output TPS/GPU of B against A at matched TPS/User: +10.0% at 40, +10.0% at 60, +10.0% at 80 TPS/User.");
  });

  it("says so when the runs share no TPS/User range", () => {
    expect(perfDeltaText(run("a", 1), run("b", 1, [4, 2]))).toBe("Δ Output TPS/GPU: no TPS/User range both runs cover, so no like-for-like throughput comparison.");
  });
});
