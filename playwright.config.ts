import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 8531);
/** A copy of the fixture logs dir, made fresh by the web server command: tag edits write there. */
export const E2E_LOGS_DIR = `${process.cwd()}/tmp/e2e-logs`;
/** The generated demo (worker logs, node configs): the node tabs' fixture, opened with `?logs=`. */
export const E2E_DEMO_DIR = `${process.cwd()}/tmp/e2e-demo-logs`;
/** Two copies of one run whose recipes differ in one setting: the Run Diff's fixture, opened with `?logs=`. */
export const E2E_DIFF_DIR = `${process.cwd()}/tmp/e2e-diff-logs`;
/** Issue 20's 1P2D run with a node hosting two roles (tests/fixtures/roles), opened with `?logs=`. */
export const E2E_ROLES_DIR = `${process.cwd()}/tmp/e2e-roles-logs`;

/**
 * Specs open the dirs above (and dirs under Playwright's output dir) with a plain `?logs=` link; the
 * server accepts such links only under SRTLOG_LOGS_ROOTS, so both servers get these two roots.
 */
const LOGS_ROOTS = `${process.cwd()}/tmp:${process.cwd()}/test-results`;

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  workers: 1,
  // CI shares 2 cores with next start and Chromium: a test that fails once on timing gets one more try
  // there and is reported as flaky (listed in the summary), while one that fails twice fails the run.
  retries: process.env.CI ? 1 : 0,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // A laptop screen: sidebar, summary and the 600 px Pareto chart as a user sees them.
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
      ],
    },
  },
  webServer: [
    {
      command: `node tests/e2e/prepare-logs.mjs "${E2E_LOGS_DIR}" "${E2E_DEMO_DIR}" "${E2E_DIFF_DIR}" "${E2E_ROLES_DIR}" && SRTLOG_LOGS_ROOTS="${LOGS_ROOTS}" SRTLOG_LOGS_DIR="${E2E_LOGS_DIR}" npx next start -H 127.0.0.1 -p ${port}`,
      url: `http://127.0.0.1:${port}`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      // Pages never wait for node data here: every first load shows its progress, then re-renders.
      command: `SRTLOG_NODE_WAIT_MS=0 SRTLOG_LOGS_ROOTS="${LOGS_ROOTS}" SRTLOG_LOGS_DIR="${E2E_DEMO_DIR}" npx next start -H 127.0.0.1 -p ${port + 1}`,
      url: `http://127.0.0.1:${port + 1}`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
