// The log prefixes SGLang batch lines are written with, in the proportions of the real logs in
// /work/shared/realdata (counted by scripts/bench/count-real-prefixes.ts over every .log/.out/.err/.txt
// there: 99 batch lines in 12 files). Forms the real samples lack but the parser reads (PP tags,
// dynamo's two formats, srun labels, Ray actors) get weight 1 each, so every form is in the mix.
import type { Rng } from "./prng";
import { rankTag, type Rank } from "./sglang-log";
import { formatLogTime } from "./time-format";

export type PrefixForm =
  | "ts" | "tp" | "dp-tp" | "tp-ep" | "dp-tp-ep" | "file-level"
  | "pp" | "dynamo-ansi" | "dynamo-iso" | "srun-label" | "ray-actor";

/** Batch lines per prefix form in the real samples (see the header). */
export const REAL_PREFIX_COUNTS: Record<PrefixForm, number> = {
  ts: 35, tp: 20, "dp-tp": 19, "tp-ep": 14, "dp-tp-ep": 7, "file-level": 4,
  pp: 1, "dynamo-ansi": 1, "dynamo-iso": 1, "srun-label": 1, "ray-actor": 1,
};

const FORMS = Object.keys(REAL_PREFIX_COUNTS) as PrefixForm[];
const CUMULATIVE = FORMS.reduce<number[]>((acc, form) => [...acc, (acc.at(-1) ?? 0) + REAL_PREFIX_COUNTS[form]], []);

/** A prefix form drawn with the real proportions. */
export function pickPrefixForm(rng: Rng): PrefixForm {
  const x = rng.uniform(0, CUMULATIVE.at(-1)!);
  const k = CUMULATIVE.findIndex((upTo) => x < upTo);
  return FORMS[k < 0 ? FORMS.length - 1 : k];
}

/** `2026-06-02 04:12:47` or, with `ms`, `2026-06-02 04:12:47.123`. */
export function logStamp(sec: number, ms: boolean): string {
  const base = formatLogTime(sec);
  return ms ? `${base}.${String(Math.floor((sec % 1) * 1000)).padStart(3, "0")}` : base;
}

/** `2026-06-02T04:12:47.123456Z`, dynamo's stamp. */
function isoStamp(sec: number): string {
  const micros = String(Math.floor((sec % 1) * 1e6)).padStart(6, "0");
  return `${formatLogTime(sec).replace(" ", "T")}.${micros}Z`;
}

const DYNAMO_TARGET = "sglang.srt.managers.scheduler";

/** `message` behind a `form` prefix for a scheduler of rank `r` at `sec`. */
export function withPrefix(form: PrefixForm, sec: number, ms: boolean, r: Rank, message: string): string {
  const ts = logStamp(sec, ms);
  switch (form) {
    case "ts":
      return `[${ts}] ${message}`;
    case "tp":
    case "dp-tp":
    case "tp-ep":
    case "dp-tp-ep":
      return `[${ts}${rankTag(form, r)}] ${message}`;
    case "file-level":
      return `[${ts}][scheduler_metrics_mixin.py:424][INFO]: ${message}`;
    case "pp":
      return `[${ts} PP${r.tp % 2}] ${message}`;
    case "dynamo-ansi":
      return `\x1b[2m${isoStamp(sec)}\x1b[0m \x1b[32m INFO\x1b[0m \x1b[2m${DYNAMO_TARGET}\x1b[0m\x1b[2m:\x1b[0m ${message}`;
    case "dynamo-iso":
      return `${isoStamp(sec)}  INFO ${DYNAMO_TARGET}: ${message}`;
    case "srun-label":
      return `${r.tp}: [${ts}${rankTag("tp", r)}] ${message}`;
    case "ray-actor":
      return `(CommandActor pid=${4000 + r.tp}) [${ts}] ${message}`;
  }
}

/** SGLang's 2026 batch-index form: `Prefill batch, ...` -> `Prefill batch [N], ...` (comma forms only). */
export function withBatchIndex(message: string, n: number): string {
  return message.replace(/^(Prefill|Decode) batch,/, `$1 batch [${n}],`);
}
