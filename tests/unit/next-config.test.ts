import { afterEach, describe, expect, it, vi } from "vitest";

// next.config.ts decides at `next start` whether responses are gzipped: not on loopback, where it only
// costs the CPU the browser on the same machine needs; yes when served to other machines.
const saved = process.env.SRTLOG_HOST;
afterEach(() => {
  if (saved === undefined) delete process.env.SRTLOG_HOST;
  else process.env.SRTLOG_HOST = saved;
});

async function compressFor(host: string | undefined): Promise<boolean | undefined> {
  if (host === undefined) delete process.env.SRTLOG_HOST;
  else process.env.SRTLOG_HOST = host;
  vi.resetModules();
  return (await import("../../next.config")).default.compress;
}

describe("next.config compress", () => {
  it("is off on loopback, the default", async () => {
    for (const host of [undefined, "127.0.0.1", "127.0.1.1", "localhost", "::1"]) expect(await compressFor(host), String(host)).toBe(false);
  });

  it("is on when the dashboard is served to other machines", async () => {
    for (const host of ["0.0.0.0", "::", "10.1.2.3", "login01.cluster", "localhost.example.com"]) expect(await compressFor(host), host).toBe(true);
  });
});
