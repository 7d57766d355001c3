import "server-only";
import { SrtlogError } from "../errors";
import { hostProblem } from "../http/allowed-hosts";
import { checkLogsDir } from "./dashboard-logs";
import { getRunLoader } from "./logs-dir";
import { pickedLogsDirs } from "./picked-logs";

/**
 * Refuse writes that do not come from this dashboard's own pages: the browser must say the request is
 * same-origin (Origin equal to Host, or Sec-Fetch-Site), and the Host must be one we serve, which also
 * stops DNS-rebinding pages from posting through a victim's browser.
 */
export function assertSameOrigin(request: Request, only = "Tags can only be changed from the dashboard's own pages."): void {
  const refuse = (why: string) => {
    throw new SrtlogError("write_refused", `Refused: ${why}. ${only}`);
  };
  const host = request.headers.get("host");
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  if (!host) refuse("no Host header");
  if (site && site !== "same-origin") refuse(`a ${site} request`);
  if (origin) {
    let originHost = "";
    try {
      originHost = new URL(origin).host;
    } catch {}
    if (originHost !== host) refuse(`request from ${origin}`);
  } else if (site !== "same-origin") refuse("no Origin header");
  const problem = hostProblem(host);
  if (problem) refuse(problem);
}

/** A run directory name from a URL: one path segment, nothing that could climb out of the logs dir. */
export function isRunDirName(name: string): boolean {
  return name !== "" && name !== "." && name !== ".." && !/[/\\\0]/.test(name);
}

/** Add and remove tags of one run of a logs dir (404 for anything that is not a run directly in it). */
export async function editRunTags(edit: { logs?: string; runDir: string; add: string[]; remove: string[] }): Promise<string[]> {
  const logs = checkLogsDir(edit.logs, await pickedLogsDirs());
  if (!logs.ok) throw new SrtlogError("bad_input", logs.message);
  if (!isRunDirName(edit.runDir)) throw new SrtlogError("not_found", `no run ${edit.runDir} in ${logs.dir}`);
  const loader = getRunLoader(logs.dir);
  // A run whose metadata cannot be read is still a run: the edit then says why it cannot read it.
  if (!(await loader.hasRun(edit.runDir))) throw new SrtlogError("not_found", `no run ${edit.runDir} in ${logs.dir}`);
  return loader.editTags(edit.runDir, { add: edit.add, remove: edit.remove });
}
