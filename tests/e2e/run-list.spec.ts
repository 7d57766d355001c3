import { expect, test } from "@playwright/test";

test("the dashboard lists the runs of the logs dir and the skipped ones with reasons", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  await page.goto("/");
  const rows = page.getByTestId("run-row");
  // The fixture dirs hold 1 + 3 + 1 + 2 loadable runs (broken-and-skipped, current-v2, result-variants, legacy-v1).
  await expect(rows).toHaveCount(7);
  await expect(rows.first()).toContainText("4410001");
  await page.getByTestId("skipped").locator("summary").click();
  await expect(page.getByTestId("skipped")).toContainText("5002: unreadable 5002.json: empty file");
  expect(errors).toEqual([]);
});
