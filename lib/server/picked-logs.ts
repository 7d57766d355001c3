import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import path from "node:path";
import { processState } from "./process-state";

/**
 * Logs dirs the user picked in the dashboard's own form, remembered in a signed, SameSite=Strict,
 * HttpOnly cookie. A link or `<img>` from another site does not carry a Strict cookie and cannot forge
 * the signature (another app on localhost could set a cookie, but not sign it), so it cannot make the
 * server scan or write a directory the user did not choose here.
 */
export const PICKED_COOKIE = "srtlog_logs";
/** A cookie holds about 4 KB; the last few picks are plenty. */
const MAX_PICKED = 8;

/** Per server process: picks are forgotten on restart, which only means picking again. */
const secret = () => processState("picked-logs-secret", () => randomBytes(32));

const sign = (payload: string) => createHmac("sha256", secret()).update(payload).digest("base64url");

/** The cookie value for these dirs. */
export function encodePicked(dirs: readonly string[]): string {
  const payload = Buffer.from(JSON.stringify(dirs.slice(0, MAX_PICKED))).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

/** The dirs of a cookie value; none when it is absent, malformed or not signed by this process. */
export function decodePicked(value: string | undefined): string[] {
  const [payload, mac] = (value ?? "").split(".");
  if (!payload || !mac) return [];
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return [];
  try {
    const dirs = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as unknown;
    return Array.isArray(dirs) ? dirs.filter((d): d is string => typeof d === "string") : [];
  } catch {
    return [];
  }
}

/** `dir` first, then the earlier picks without it. */
export function withPicked(previous: readonly string[], dir: string): string[] {
  const resolved = path.resolve(/*turbopackIgnore: true*/ dir);
  return [resolved, ...previous.filter((d) => d !== resolved)].slice(0, MAX_PICKED);
}

/** The dirs the current request's cookie names; none outside a request (CLI, tests). */
export async function pickedLogsDirs(): Promise<string[]> {
  try {
    const { cookies } = await import("next/headers");
    return decodePicked((await cookies()).get(PICKED_COOKIE)?.value);
  } catch {
    return [];
  }
}
