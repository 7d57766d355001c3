import { expect, ROLES_DIR, test } from "./helpers";

// Issue 20 items 2 and 3 (tests/fixtures/roles): vLLM 1P2D; node n1 runs prefill w0 and decode w0, and
// n1_config.json is the prefill worker's dump; decode w1 runs on n2, whose dump is the decode one.
// 4420002 is the same run with dumps that do not state their role.
const logs = `logs=${encodeURIComponent(ROLES_DIR)}`;

test("Run Diff: decode settings come from the decode dump, and a role nothing proves is 'unknown'", async ({ page }) => {
  await page.goto(`/diff?${logs}&a=4420001&b=4420002&same=1`);
  const row = (key: string) => page.locator(`[data-testid="diff-row"][data-key="${key}"]`);
  await expect(row("decode.flags.disaggregation-mode")).toContainText("decode");
  await expect(row("decode.flags.disaggregation-mode")).not.toContainText("prefill");
  await expect(row("decode.flags.max-num-seqs")).toContainText("256");
  await expect(row("prefill.config").locator("td").nth(2)).toHaveText(
    "unknown: logs/n1_config.json does not say which role wrote it (no disaggregation mode), and n1 runs prefill and decode workers",
  );
});

test("Configuration: n1's decode worker says its config is unknown; counts follow the logs, with the conflict in one line", async ({ page }) => {
  await page.goto(`/config?${logs}&run=4420001`);
  const run = page.locator('[data-testid="run-config"][data-run-dir="4420001"]');
  await expect(run.getByTestId("fact-nodes")).toHaveText("2 prefill + 2 decode (n1 runs both)");
  await expect(run.getByTestId("topology-conflict")).toHaveText(
    "Metadata says 0 decode nodes; the worker logs show 2 decode workers on 2 nodes (n1, n2). Counts here follow the logs.",
  );
  await run.getByTestId("config-node-select").selectOption("n1_decode_w0");
  await expect(run.getByTestId("config-unknown")).toHaveText(
    "n1 · decode w0: config unknown: logs/n1_config.json is the prefill worker's dump (its disaggregation mode says prefill), and no dump of this decode worker was found.",
  );
  await expect(run.getByTestId("config-flags")).toHaveCount(0);
  await run.getByTestId("config-node-select").selectOption("n2_decode_w1");
  await expect(run.locator('[data-testid="config-flag"][data-flag="--disaggregation-mode"]')).toContainText("decode");
});

test("Rate Match: node counts the logs prove and the metadata conflict in one line", async ({ page }) => {
  await page.goto(`/rate-match?${logs}&run=4420001`);
  const card = page.locator('[data-testid="rate-run"][data-run-dir="4420001"]');
  await expect(card.getByTestId("fact-decode-nodes")).toHaveText("2");
  await expect(card.getByTestId("fact-prefill-nodes")).toHaveText("2 (1 worker)");
  await expect(card.getByTestId("topology-conflict")).toHaveText(
    "Metadata says 0 decode nodes; the worker logs show 2 decode workers on 2 nodes (n1, n2). Counts here follow the logs.",
  );
});

test("Run Diff: identity keys (HOSTNAME, SLURM_*, ports) only behind 'Show identity keys' (issue 20 item 4)", async ({ page }) => {
  await page.goto(`/diff?${logs}&a=4420001&b=4420002&same=1`);
  const row = (key: string) => page.locator(`[data-testid="diff-row"][data-key="${key}"]`);
  await expect(row("decode.flags.max-num-seqs")).toBeVisible();
  await expect(row("decode.env.HOSTNAME")).toHaveCount(0);
  await expect(row("decode.flags.port")).toHaveCount(0);
  await page.getByTestId("diff-identity-toggle").check();
  await expect(page).toHaveURL(/ids=1/);
  await expect(row("decode.env.HOSTNAME")).toContainText("n2");
  await expect(row("decode.env.SLURM_JOB_ID")).toBeVisible();
});
