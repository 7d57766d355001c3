import "server-only";
import { readSync } from "node:fs";
import { HealthScanner, MAX_OCCURRENCES_PER_SIGNAL, scanHealth, type HealthScan } from "../../parsers/health-signals";
import { lastLineEnd, probes, withFile } from "./log-tail";
import { processState } from "./process-state";

const CHUNK_BYTES = 1 << 20;
/** Logs whose scan position is kept; the oldest is forgotten first (it is then scanned whole again). */
const MAX_FILES = 4096;

/** How far a log was scanned: its scanner (counts so far) and what the scanned bytes looked like. */
interface HealthTail {
  offset: number;
  lines: number;
  head: string;
  end: string;
  scanner: HealthScanner;
}

const tails = processState("health-tails", () => new Map<string, HealthTail>());

/** The kept tail when the log is that one grown (not truncated, rotated or replaced); else null. */
function validTail(fd: number, size: number, tail: HealthTail | undefined): HealthTail | null {
  if (!tail || size < tail.offset) return null;
  const now = probes(fd, tail.offset);
  return now.head === tail.head && now.end === tail.end ? tail : null;
}

function readRange(fd: number, start: number, end: number, onText: (text: string, bytes: Buffer) => void): void {
  const decoder = new TextDecoder("utf-8");
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  for (let at = start; at < end; ) {
    const n = readSync(fd, buffer, 0, Math.min(CHUNK_BYTES, end - at), at);
    if (n === 0) break;
    onText(decoder.decode(buffer.subarray(0, n), { stream: at + n < end }), buffer.subarray(0, n));
    at += n;
  }
}

/** The scan of an unterminated last line, numbered after the `lines` whole lines before it. */
function partialLine(fd: number, from: number, size: number, lines: number, rel: string): HealthScan {
  const buffer = Buffer.alloc(size - from);
  readSync(fd, buffer, 0, buffer.length, from);
  const scan = scanHealth(buffer.toString("utf8"), rel);
  return { ...scan, first: scan.first.map((o) => ({ ...o, line: o.line + lines })) };
}

function combine(whole: HealthScan, partial: HealthScan | null): HealthScan {
  const out: HealthScan = { counts: { ...whole.counts }, retractedRequests: whole.retractedRequests, first: [...whole.first] };
  if (!partial) return out;
  for (const id of Object.keys(out.counts) as (keyof HealthScan["counts"])[]) out.counts[id] += partial.counts[id];
  out.retractedRequests += partial.retractedRequests;
  for (const o of partial.first) if (out.first.filter((f) => f.signal === o.signal).length < MAX_OCCURRENCES_PER_SIGNAL) out.first.push(o);
  return out;
}

/**
 * A log's health scan, reading only what was appended since the last call (whole lines; a partial
 * last line is scanned on its own each time until its newline comes). A log truncated, rotated or
 * replaced is scanned again from its start; one that cannot be read gives null.
 */
export function scanLogIncrementally(file: string, rel: string): { scan: HealthScan; bytesScanned: number } | null {
  return withFile(file, (fd, size) => {
    const tail = validTail(fd, size, tails.get(file)) ?? { offset: 0, lines: 0, head: "", end: "", scanner: new HealthScanner(rel) };
    const stop = lastLineEnd(fd, tail.offset, size);
    let lines = tail.lines;
    readRange(fd, tail.offset, stop, (text, bytes) => {
      tail.scanner.push(text);
      for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
    });
    const bytesScanned = stop - tail.offset + (size - stop);
    const next: HealthTail = { offset: stop, lines, ...probes(fd, stop), scanner: tail.scanner };
    tails.delete(file);
    tails.set(file, next);
    for (const old of tails.keys()) if (tails.size > MAX_FILES) tails.delete(old);
    // Only whole lines went in, so finish() adds nothing and the scanner can take more later.
    return { scan: combine(tail.scanner.finish(), stop < size ? partialLine(fd, stop, size, lines, rel) : null), bytesScanned };
  });
}
