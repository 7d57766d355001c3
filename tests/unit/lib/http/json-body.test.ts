import { describe, expect, it } from "vitest";
import { readJsonBody } from "@/lib/http/json-body";
import { jsonErrorPosition } from "@/lib/json-members";
import { allowedHostnames, hostProblem } from "@/lib/http/allowed-hosts";
import { SrtlogError } from "@/lib/errors";

const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request("http://localhost/x", { method: "POST", body, headers });

async function failure(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { status: (error as SrtlogError).status, message: (error as Error).message };
  }
  throw new Error("expected a failure");
}

describe("jsonErrorPosition", () => {
  it.each([
    ['{"a": }', 6],
    ["xyz", 0],
    ['{"add": [', 9],
    ['{"a":1}}', 7],
    ['{"a" 1}', 5],
    ["", 0],
  ])("%j fails at %i", (text, position) => {
    expect(jsonErrorPosition(text)).toBe(position);
  });

  it("null for valid JSON", () => {
    expect(jsonErrorPosition('{"a": [1, 2]}')).toBeNull();
  });
});

describe("readJsonBody", () => {
  it("parses a JSON body", async () => {
    expect(await readJsonBody(post('{"add": ["x"]}'))).toEqual({ add: ["x"] });
  });

  it("names where the text stops being JSON", async () => {
    expect(await failure(readJsonBody(post('{"add": }')))).toEqual({ status: 400, message: 'request body is not valid JSON: unexpected "}" at position 8' });
    expect(await failure(readJsonBody(post('{"add": [')))).toEqual({ status: 400, message: "request body is not valid JSON: unexpected end at position 9" });
  });

  it("refuses more than the limit with 413, by the declared length or by the bytes read", async () => {
    const big = `{"add": ["${"a".repeat(70 * 1024)}"]}`;
    expect(await failure(readJsonBody(post(big)))).toEqual({ status: 413, message: "request body is larger than 64 KB" });
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("x".repeat(40 * 1024)));
        controller.enqueue(new TextEncoder().encode("x".repeat(40 * 1024)));
        controller.close();
      },
    });
    const chunked = new Request("http://localhost/x", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    expect(await failure(readJsonBody(chunked))).toEqual({ status: 413, message: "request body is larger than 64 KB" });
  });
});

describe("host allow-list", () => {
  it("loopback names, the bound address and SRTLOG_ALLOWED_HOSTS; never a wildcard bind", () => {
    expect(hostProblem("localhost:8501", {})).toBeNull();
    expect(hostProblem("127.0.0.1:8501", {})).toBeNull();
    expect(hostProblem("[::1]:8501", {})).toBeNull();
    expect(hostProblem("evil.example:8501", {})).toBe("host evil.example is not allowed (set SRTLOG_ALLOWED_HOSTS=evil.example to allow it)");
    expect(hostProblem(null, {})).toBe("no Host header");
    expect(hostProblem("10.0.0.5:8501", { SRTLOG_HOST: "10.0.0.5" })).toBeNull();
    expect(hostProblem("gpu-box:8501", { SRTLOG_ALLOWED_HOSTS: "gpu-box, lab.example" })).toBeNull();
    expect([...allowedHostnames({ SRTLOG_HOST: "0.0.0.0", HOST: "::" })].sort()).toEqual(["127.0.0.1", "[::1]", "localhost"]);
    expect(allowedHostnames({ SRTLOG_HOST: "fe80::1" }).has("[fe80::1]")).toBe(true);
  });
});
