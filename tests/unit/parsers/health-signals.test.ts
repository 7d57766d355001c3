import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HEALTH_SIGNALS, matchSignals, scanHealth, type HealthSignalId } from "../../../parsers/health-signals";

const fixture = readFileSync("tests/fixtures/health/worker.err", "utf8");
const lines = fixture.split("\n");
/** A real SGLang log with a scheduler traceback; `#` provenance lines blanked so line numbers match. */
const realDebug = readFileSync("tests/fixtures/real/logs/sglang-untagged-pcg-debug__excerpt.log", "utf8").replace(/^#.*$/gm, "");
const real17392 = readFileSync("tests/fixtures/real/logs/sgl-project__sglang__pull-17392.log", "utf8").replace(/^#.*$/gm, "");

function matching(line: string): HealthSignalId[] {
  return matchSignals(line).map((s) => s.id);
}

describe("HEALTH_SIGNALS", () => {
  it("oom: PyTorch's CUDA out of memory error", () => {
    expect(matching(lines[6])).toEqual(["oom"]);
  });
  it("nccl: NCCL WARN and NCCL error / ncclSystemError lines (an NCCL OOM is both)", () => {
    expect(matching(lines[7])).toEqual(["oom", "nccl"]);
    expect(matching(lines[8])).toEqual(["nccl"]);
  });
  it("traceback: the real scheduler traceback header, once per header not per frame", () => {
    expect(matching(realDebug.split("\n")[17])).toEqual(["traceback"]);
    expect(scanHealth(realDebug).counts.traceback).toBe(1);
  });
  it("kvTransfer: a KVTransferError timeout", () => {
    expect(matching(lines[9])).toEqual(["kvTransfer"]);
  });
  it("retracted: #retracted-req above zero only", () => {
    expect(matching(lines[1])).toEqual([]);
    expect(matching(lines[2])).toEqual(["retracted"]);
  });
  it("restart: a worker restart", () => {
    expect(matching(lines[10])).toEqual(["restart"]);
  });
  it("the table holds the six worker-log signals in badge order", () => {
    expect(HEALTH_SIGNALS.map((s) => s.id)).toEqual(["oom", "nccl", "traceback", "kvTransfer", "retracted", "restart"]);
  });
  it("ignores server_args dumps, which name transfer backends and timeouts without anything failing", () => {
    const dump = "[2025-11-10 19:22:30] server_args=ServerArgs(model_path='/model/', disaggregation_transfer_backend='nixl', watchdog_timeout=300, kv_transfer_config=None)";
    expect(matching(dump)).toEqual([]);
  });
  it("flags nothing in real healthy batch logs (#retracted-req: 0, #transfer-req, kv-transfer-config)", () => {
    for (const file of ["sgl-project__sglang__pull-17392.log", "sgl-project__sglang__issue-6017.log", "vllm-project__vllm__issue-21348.log"]) {
      const text = readFileSync(`tests/fixtures/real/logs/${file}`, "utf8").replace(/^#.*$/gm, "");
      expect(scanHealth(text).first, file).toEqual([]);
    }
    expect(real17392).toContain("#retracted-req: 0");
  });
});

describe("scanHealth", () => {
  it("counts each signal, sums retracted requests and keeps first occurrences with file, line and text", () => {
    const scan = scanHealth(fixture, "logs/n1_decode_w0.err");
    expect(scan.counts).toEqual({ oom: 2, nccl: 2, traceback: 1, kvTransfer: 1, retracted: 1, restart: 1 });
    expect(scan.retractedRequests).toBe(3);
    expect(scan.first[0]).toEqual({ signal: "retracted", file: "logs/n1_decode_w0.err", line: 3, text: lines[2].slice(0, 199) + "…" });
    expect(scan.first.find((o) => o.signal === "oom")).toMatchObject({ line: 7, text: lines[6] });
  });
  it("gives the same result however the text is chunked, even mid-line", () => {
    const whole = scanHealth(fixture);
    const chunks = fixture.match(/[\s\S]{1,7}/g) ?? [];
    expect(scanHealth(chunks)).toEqual(whole);
  });
  it("keeps at most 3 occurrences per signal but counts them all", () => {
    const scan = scanHealth(Array(5).fill(lines[6]).join("\n"));
    expect(scan.counts.oom).toBe(5);
    expect(scan.first.map((o) => o.line)).toEqual([1, 2, 3]);
  });
});
