import "server-only";
import { lstatSync, readlinkSync, realpathSync } from "node:fs";
import path from "node:path";
import { SrtlogError } from "../errors";

/** How many dangling links we follow before giving up (the kernel's own limit is 40). */
const MAX_LINK_HOPS = 40;

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * Where a write to `target` would land: the realpath of its nearest existing ancestor, after following
 * every link, joined with the part that does not exist yet. A dangling link is followed too, since
 * writing to it would create the file at the far end.
 */
export function resolveWriteTarget(target: string): string {
  let current = path.resolve(/*turbopackIgnore: true*/ target);
  const missing: string[] = [];
  for (let hops = 0; hops <= MAX_LINK_HOPS; ) {
    try {
      return path.join(realpathSync(/*turbopackIgnore: true*/ current), ...missing);
    } catch (error) {
      if (errno(error) !== "ENOENT") throw error;
    }
    const link = readLinkOrNull(current);
    if (link !== null) {
      current = path.resolve(path.dirname(current), link);
      hops++;
      continue;
    }
    const parent = path.dirname(current);
    if (parent === current) return path.join(current, ...missing);
    missing.unshift(path.basename(current));
    current = parent;
  }
  throw new SrtlogError("write_refused", `Refused to write ${target}: too many symbolic links`);
}

function readLinkOrNull(file: string): string | null {
  try {
    return lstatSync(/*turbopackIgnore: true*/ file).isSymbolicLink() ? readlinkSync(/*turbopackIgnore: true*/ file) : null;
  } catch {
    return null;
  }
}

/** True when `child` is `root` or lies below it (both already resolved). */
export function isWithin(root: string, child: string): boolean {
  const rel = path.relative(root, child);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

export type WriteCheck = { ok: true; real: string } | { ok: false; real: string; message: string };

/** Whether a write to `target` stays inside the real path of `root` (the logs dir being served). */
export function checkWriteTarget(root: string, target: string): WriteCheck {
  let realRoot: string;
  let real: string;
  try {
    realRoot = realpathSync(/*turbopackIgnore: true*/ root);
    real = resolveWriteTarget(target);
  } catch (error) {
    if (error instanceof SrtlogError) return { ok: false, real: target, message: error.message };
    return { ok: false, real: target, message: `Refused to write ${target}: ${(error as Error).message}` };
  }
  if (isWithin(realRoot, real)) return { ok: true, real };
  const where = real === target ? "" : ` (it resolves to ${real})`;
  return { ok: false, real, message: `Refused to write ${target}${where}: outside the logs directory ${realRoot}` };
}

/** The real path to write instead of `target`, or a 403 naming the path when it leaves `root`. */
export function assertWriteTarget(root: string, target: string): string {
  const check = checkWriteTarget(root, target);
  if (!check.ok) throw new SrtlogError("write_refused", check.message);
  return check.real;
}
