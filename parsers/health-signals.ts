/** A trouble signal in a worker log: a cheap substring pre-check, then the exact test. */
export interface HealthSignal {
  id: HealthSignalId;
  /** Singular noun for the badge: "3 OOM", "1 traceback". */
  label: string;
  /** Plural, where "s" is wrong or absent. */
  plural?: string;
  /** Case-sensitive substrings, one of which the line must contain before `test` runs. */
  hints: string[];
  test: (line: string) => boolean;
}

export type HealthSignalId = "oom" | "nccl" | "traceback" | "kvTransfer" | "retracted" | "restart";

const RETRACTED = /#retracted-req: (\d+)/;

/** The worker-log signals, in badge order. One table, so adding a signal is one row and one test. */
export const HEALTH_SIGNALS: HealthSignal[] = [
  {
    id: "oom",
    label: "OOM",
    plural: "OOM",
    hints: ["out of memory", "OutOfMemory", "Out of memory", "OOM"],
    test: (line) => /CUDA out of memory|OutOfMemoryError|\bout of memory\b|\bOOM\b|Out of memory/i.test(line),
  },
  {
    id: "nccl",
    label: "NCCL error",
    hints: ["NCCL", "nccl"],
    test: (line) => /NCCL (?:WARN|error|Error)|nccl(?:SystemError|InternalError|InvalidUsage|UnhandledCudaError|RemoteError)|NCCL communicator was aborted|ProcessGroupNCCL.*(?:[Tt]imeout|[Ee]rror)/.test(line),
  },
  {
    // Counted once per traceback header, however many frames follow.
    id: "traceback",
    label: "traceback",
    hints: ["Traceback (most recent call last)"],
    test: (line) => line.includes("Traceback (most recent call last):"),
  },
  {
    id: "kvTransfer",
    label: "KV-transfer failure",
    hints: ["KVTransfer", "KV transfer", "kv transfer", "Transfer", "transfer"],
    // Bounded gaps: a long line that merely names a transfer backend and, far away, a timeout is not a failure.
    test: (line) =>
      /KVTransferError|KVPoll\.Failed|(?:KV|kv)[ _-]?transfer.{0,60}(?:fail|timed? ?out|timeout|error)|[Tt]ransfer.{0,60}(?:timed out|timeout).{0,60}(?:KV|kv|bootstrap)|bootstrap.{0,60}(?:timed out)/i.test(line),
  },
  {
    id: "retracted",
    label: "retraction",
    hints: ["#retracted-req: "],
    test: (line) => Number(RETRACTED.exec(line)?.[1] ?? 0) > 0,
  },
  {
    id: "restart",
    label: "restart",
    hints: ["estart"],
    test: (line) => /\b(?:restarting|restarted|Restarting|Restarted|Engine core .*restart|worker .*restart)/i.test(line),
  },
];

/** Config dumps (`server_args=ServerArgs(...)`) name options like `watchdog_timeout`; they are not events. */
const CONFIG_DUMP = /server_args=|ServerArgs\(/;

/** The signals a line shows, in table order. */
export function matchSignals(line: string): HealthSignal[] {
  if (CONFIG_DUMP.test(line)) return [];
  return HEALTH_SIGNALS.filter((signal) => signal.hints.some((hint) => line.includes(hint)) && signal.test(line));
}

/** Where a signal first showed up. */
export interface HealthOccurrence {
  signal: HealthSignalId;
  /** Log file, relative to the run dir; set by the caller that knows it. */
  file: string;
  /** 1-based. */
  line: number;
  /** The line, trimmed to about 200 characters. */
  text: string;
}

/** Counts per signal plus the first few occurrences. `retractedRequests` sums N over `#retracted-req: N`. */
export interface HealthScan {
  counts: Record<HealthSignalId, number>;
  retractedRequests: number;
  first: HealthOccurrence[];
}

export const MAX_OCCURRENCES_PER_SIGNAL = 3;
const MAX_TEXT = 200;

export function emptyCounts(): Record<HealthSignalId, number> {
  return { oom: 0, nccl: 0, traceback: 0, kvTransfer: 0, retracted: 0, restart: 0 };
}

function trimLine(line: string): string {
  const text = line.trim();
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/**
 * A streaming scanner: feed text chunks in order (split anywhere, even mid-line), then `finish()`.
 * Memory stays bounded by the longest line and the kept occurrences.
 */
export class HealthScanner {
  private rest = "";
  private lineNo = 0;
  private readonly scan: HealthScan = { counts: emptyCounts(), retractedRequests: 0, first: [] };

  constructor(private readonly file = "") {}

  push(chunk: string): void {
    const text = this.rest + chunk;
    let start = 0;
    for (let nl = text.indexOf("\n", start); nl !== -1; nl = text.indexOf("\n", start)) {
      this.line(text.slice(start, nl));
      start = nl + 1;
    }
    this.rest = text.slice(start);
  }

  finish(): HealthScan {
    if (this.rest) this.line(this.rest);
    this.rest = "";
    return this.scan;
  }

  private line(raw: string): void {
    this.lineNo += 1;
    for (const signal of matchSignals(raw)) {
      const count = ++this.scan.counts[signal.id];
      if (signal.id === "retracted") this.scan.retractedRequests += Number(RETRACTED.exec(raw)?.[1] ?? 0);
      if (count <= MAX_OCCURRENCES_PER_SIGNAL) this.scan.first.push({ signal: signal.id, file: this.file, line: this.lineNo, text: trimLine(raw) });
    }
  }
}

/** Scan a whole text (or its chunks) at once: counts per signal and the first occurrences. */
export function scanHealth(input: string | Iterable<string>, file = ""): HealthScan {
  const scanner = new HealthScanner(file);
  if (typeof input === "string") scanner.push(input);
  else for (const chunk of input) scanner.push(chunk);
  return scanner.finish();
}
