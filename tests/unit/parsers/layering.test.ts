import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// parsers/ is the ground floor (ARCHITECTURE.md): text in, typed records out. It must run the same in a
// test, the CLI, a worker thread and the browser, so it may import nothing of the project above it and
// nothing that touches the disk or a framework.
const PARSERS = path.resolve("parsers");
const FORBIDDEN_BARE = /^(node:)?fs(\/promises)?$|^next(\/|$)|^react(-dom)?(\/|$)|^server-only$|^@\//;

/** Every module specifier in a TS source: static imports/exports, `import()` and `require()`. */
export function specifiersOf(source: string): string[] {
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\b[^'"`;]*?\bfrom\s*["']([^"']+)["']/g, /\bimport\s*["']([^"']+)["']/g, /\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]);
  return found;
}

/** Why `specifier` in `file` breaks the layering, or null when it is fine. */
export function layeringFault(file: string, specifier: string): string | null {
  if (specifier.startsWith(".")) {
    const target = path.resolve(path.dirname(file), specifier);
    const rel = path.relative(PARSERS, target);
    return rel.startsWith("..") ? `imports ${specifier} (outside parsers/: ${path.relative(process.cwd(), target)})` : null;
  }
  return FORBIDDEN_BARE.test(specifier) ? `imports ${specifier}` : null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts|mjs|js)$/.test(entry.name) ? [full] : [];
  });
}

describe("parsers/ imports nothing above it", () => {
  it("the scanner sees each kind of forbidden import (so the real check can fail)", () => {
    const file = path.join(PARSERS, "x.ts");
    const sample = [
      'import type { RunMetadata } from "../lib/model";',
      'import { readFileSync } from "node:fs";',
      "import {\n  a,\n  b,\n} from '../components/chart';",
      'export { x } from "../app/page";',
      'const r = await import("react");',
      'import "next/server";',
      'import { ok } from "./types";',
      'import { z } from "zod";',
    ].join("\n");
    const faults = specifiersOf(sample).map((s) => layeringFault(file, s)).filter((f) => f !== null);
    expect(faults).toEqual([
      "imports ../lib/model (outside parsers/: lib/model)",
      "imports node:fs",
      "imports ../components/chart (outside parsers/: components/chart)",
      "imports ../app/page (outside parsers/: app/page)",
      "imports next/server",
      "imports react",
    ]);
  });

  it("no file under parsers/ imports lib/, app/, components/, node:fs, next or react", () => {
    const files = sourceFiles(PARSERS);
    expect(files.length).toBeGreaterThan(10);
    const faults = files.flatMap((file) =>
      specifiersOf(readFileSync(file, "utf8")).flatMap((s) => {
        const fault = layeringFault(file, s);
        return fault ? [`${path.relative(process.cwd(), file)} ${fault}`] : [];
      }),
    );
    expect(faults).toEqual([]);
  });
});
