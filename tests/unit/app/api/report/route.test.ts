import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/report/route";
import { copyFixture } from "../../../../helpers/temp-dir";

const LEGACY = "tests/fixtures/loader/legacy-v1-disagg/logs";
const get = (query: string) => GET(new Request(`http://localhost:8501/api/report?${query}`));

// The fixtures are copied to temp dirs opened with `?logs=`, as an operator allows with SRTLOG_LOGS_ROOTS.
beforeEach(() => vi.stubEnv("SRTLOG_LOGS_ROOTS", tmpdir()));
afterEach(() => vi.unstubAllEnvs());

describe("GET /api/report", () => {
  it("answers the view's runs as a named, self-contained HTML attachment whose scripts may fetch nothing", async () => {
    const logs = await copyFixture(LEGACY);
    const response = await get(`logs=${encodeURIComponent(logs)}&run=3667&max-ttft-p99=500`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="srtlog-report-job-3667.html"');
    expect(response.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
    const html = await response.text();
    expect(html).toContain("<td>3667</td>");
    expect(html).not.toContain("<td>12045</td>");
    // The link back is to the server that answered, with the same view (and the frontier a report always draws).
    expect(html).toContain(`http://localhost:8501/pareto?logs=${encodeURIComponent(logs)}&amp;run=3667&amp;frontier=1&amp;max-ttft-p99=500`);
  });

  it("goes through the logs-dir checks of every page: a dir outside SRTLOG_LOGS_ROOTS is a 400 and is not scanned", async () => {
    const logs = await copyFixture(LEGACY);
    vi.stubEnv("SRTLOG_LOGS_ROOTS", "/srv/logs");
    const response = await get(`logs=${encodeURIComponent(logs)}&run=all`);
    expect(response.status).toBe(400);
    expect((await response.json()).message).toBe(`${logs} is outside the directories this server may read (SRTLOG_LOGS_ROOTS=/srv/logs)`);
    expect(await readdir(`${logs}/3667_1P_4D_20251110_192145`)).not.toContain(".cache");
  });

  it("a view selecting no run is a 400 saying so", async () => {
    const logs = await copyFixture(LEGACY);
    const response = await get(`logs=${encodeURIComponent(logs)}&tag=nope`);
    expect(response.status).toBe(400);
    expect((await response.json()).message).toBe("No runs selected: pick runs in the sidebar to report on.");
  });
});
