// Small synchronous file helpers; big outputs go through ChunkWriter so memory stays flat.
import { closeSync, mkdirSync, openSync, rmSync, statSync, writeFileSync, writeSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";

export function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

export function resetDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

/** Buffers string pieces and flushes them to disk in ~1 MB writes. */
export class ChunkWriter {
  private fd: number;
  private parts: string[] = [];
  private pending = 0;
  bytesWritten = 0;

  constructor(path: string, private readonly flushAt = 1 << 20) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, "w");
  }

  write(s: string): void {
    this.parts.push(s);
    this.pending += s.length;
    if (this.pending >= this.flushAt) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(""), "utf8");
    writeSync(this.fd, buf);
    this.bytesWritten += buf.length;
    this.parts = [];
    this.pending = 0;
  }

  close(): number {
    this.flush();
    closeSync(this.fd);
    return this.bytesWritten;
  }
}

/** Total size of regular files under dir whose name matches `filter`. */
export function treeSize(dir: string, filter: (name: string) => boolean = () => true): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) total += treeSize(p, filter);
    else if (entry.isFile() && filter(entry.name)) total += statSync(p).size;
  }
  return total;
}

export function formatMB(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
