import { appendFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scanLogIncrementally } from "@/lib/server/health-tail";
import { tempDir } from "../../../helpers/temp-dir";

const OOM = "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB.\n";
const NCCL = "RuntimeError: NCCL error in: ProcessGroupNCCL.cpp:1970, unhandled system error\n";
const OK = "[2026-12-06 11:00:00] INFO: all good\n";

describe("scanLogIncrementally", () => {
  it("reads only appended bytes and raises the counts with the right line numbers", async () => {
    const file = path.join(await tempDir(), "n1_decode_w0.out");
    await writeFile(file, OK + OOM);
    const first = scanLogIncrementally(file, "n1_decode_w0.out")!;
    expect(first.scan.counts.oom).toBe(1);
    expect(first.bytesScanned).toBe(Buffer.byteLength(OK + OOM));
    await appendFile(file, OK + NCCL);
    const second = scanLogIncrementally(file, "n1_decode_w0.out")!;
    expect(second.bytesScanned).toBe(Buffer.byteLength(OK + NCCL));
    expect(second.scan.counts).toMatchObject({ oom: 1, nccl: 1 });
    expect(second.scan.first.find((o) => o.signal === "nccl")).toMatchObject({ file: "n1_decode_w0.out", line: 4 });
    expect(scanLogIncrementally(file, "n1_decode_w0.out")!.bytesScanned).toBe(0);
  });

  it("counts a half-written last line once, then again only as the whole line", async () => {
    const file = path.join(await tempDir(), "n1_decode_w0.out");
    await writeFile(file, OK + OOM.slice(0, 40));
    const half = scanLogIncrementally(file, "x")!;
    expect(half.scan.counts.oom).toBe(1);
    expect(half.scan.first[0]).toMatchObject({ signal: "oom", line: 2 });
    await appendFile(file, OOM.slice(40));
    const whole = scanLogIncrementally(file, "x")!;
    expect(whole.scan.counts.oom).toBe(1);
    expect(whole.scan.first).toHaveLength(1);
  });

  it("scans a replaced or truncated log from the start, and gives null for a deleted one", async () => {
    const file = path.join(await tempDir(), "n1_decode_w0.out");
    await writeFile(file, OOM + OOM);
    expect(scanLogIncrementally(file, "x")!.scan.counts.oom).toBe(2);
    await writeFile(file, NCCL + OK + OK + OK);
    const replaced = scanLogIncrementally(file, "x")!;
    expect(replaced.scan.counts).toMatchObject({ oom: 0, nccl: 1 });
    expect(replaced.bytesScanned).toBe(Buffer.byteLength(NCCL + OK + OK + OK));
    await writeFile(file, OK);
    expect(scanLogIncrementally(file, "x")!.scan.counts.nccl).toBe(0);
    await rm(file);
    expect(scanLogIncrementally(file, "x")).toBeNull();
  });
});
