// Whether dist/srtlog.mjs (scripts/build-cli.mjs) is current: it exists, and no source it was built
// from changed after the build began. Read by the launcher at every start, so it only stats files
// (~70 of them, about a millisecond).
import { readFileSync, statSync } from "node:fs";

/** Why the bundle under `root` (a file: URL ending in "/") cannot be trusted, or null when it is current. */
export function staleBundle(root) {
  let built;
  try {
    statSync(new URL("dist/srtlog.mjs", root));
    built = JSON.parse(readFileSync(new URL("dist/srtlog.inputs.json", root), "utf8"));
  } catch {
    return "missing";
  }
  for (const source of built.sources) {
    let mtimeMs;
    try {
      mtimeMs = statSync(new URL(source, root)).mtimeMs;
    } catch {
      return `older than the sources (${source} is gone)`;
    }
    if (mtimeMs > built.builtAtMs) return `older than the sources (${source} changed since)`;
  }
  return null;
}
