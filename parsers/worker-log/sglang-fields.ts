import type { BatchRecord } from "./schemas";

/**
 * SGLang's printed batch-line field names (every spelling seen since 2024), in record-key order.
 * The index of a name is its bit in the "seen" mask and its slot in the value scratch; the
 * `copyFields*` functions below spell those indices out, so keep the three in step (a test
 * round-trips every name).
 */
export const SGLANG_FIELDS = [
  "#new-seq", // 0 newSeq
  "#new-token", // 1 newToken
  "#cached-token", // 2 cachedToken
  "token usage", // 3 tokenUsage
  "full token usage", // 4 fullTokenUsage
  "swa token usage", // 5 swaTokenUsage
  "mamba usage", // 6 mambaUsage
  "pre-allocated usage", // 7 preAllocatedUsage
  "#running-req", // 8 runningReq
  "#queue-req", // 9 queueReq
  "#prealloc-req", // 10 preallocReq
  "#inflight-req", // 11 inflightReq
  "#transfer-req", // 12 transferReq
  "#retracted-req", // 13 retractedReq
  "#pending-token", // 14 pendingToken
  "#bootstrap-req", // 15 bootstrapReq
  "#unbootstrapped-req", // 16 unbootstrappedReq
  "#transferring-req", // 17 transferringReq
  "#token", // 18 numToken
  "#full token", // 19 numFullToken
  "#swa token", // 20 numSwaToken
  "input throughput (token/s)", // 21 inputThroughput
  "gen throughput (token/s)", // 22 genThroughput
  "accept len", // 23 acceptLen
  "accept rate", // 24 acceptRate
  "cache hit rate", // 25 cacheHitRate (printed as a percentage)
  "gap_latency", // 26 gapLatency
  "cuda graph", // 27 cudaGraph (True/False)
  "npu graph", // 28 npuGraph (True/False)
  "cpu graph", // 29 cpuGraph (True/False; SGLang on CPU, 2026)
] as const;

/** Indices of the True/False fields. */
export const CUDA_GRAPH = 27;
export const NPU_GRAPH = 28;
export const CPU_GRAPH = 29;

/** True for the True/False fields (the last three). */
export function isFlagField(index: number): boolean {
  return index >= CUDA_GRAPH;
}
export const RUNNING_REQ = 8;
export const QUEUE_REQ = 9;
export const NEW_SEQ = 0;
export const NEW_TOKEN = 1;

/*
 * Key lookup by signature: length plus the characters at 0, 1, middle, length-2 and length-1,
 * hashed into an open-addressed table. This avoids cutting a substring per field and avoids a
 * full compare (per-character work dominates parse time). Building the table throws if two known
 * names share a signature; an unknown name that happened to share one with a known name would be
 * misread, which no SGLang name to date does.
 */
const MASK = 1023;
const slotOf = new Int16Array(MASK + 1).fill(-1);
const signatures = new Float64Array(MASK + 1);

function signature(length: number, a: number, b: number, m: number, y: number, z: number): number {
  return ((((length * 128 + a) * 128 + b) * 128 + m) * 128 + y) * 128 + z;
}

// Small-integer arithmetic only: a modulo of the (non-Smi) signature double was 8% of parse time.
function hashOf(length: number, a: number, b: number, m: number, y: number, z: number): number {
  return (length * 31 + a * 7 + b * 131 + m * 17 + y * 37 + z * 61) & MASK;
}

SGLANG_FIELDS.forEach((raw, index) => {
  const n = raw.length;
  const chars = [raw.charCodeAt(0), raw.charCodeAt(1), raw.charCodeAt(n >> 1), raw.charCodeAt(n - 2), raw.charCodeAt(n - 1)] as const;
  const sig = signature(n, ...chars);
  let h = hashOf(n, ...chars);
  while (slotOf[h] !== -1) {
    if (signatures[h] === sig) throw new Error(`sglang-fields: "${raw}" shares a signature`);
    h = (h + 1) & MASK;
  }
  slotOf[h] = index;
  signatures[h] = sig;
});

/** Index in SGLANG_FIELDS of the key `s[start, end)`, or -1. */
export function sglangFieldIndex(s: string, start: number, end: number): number {
  const n = end - start;
  if (n < 2 || n > 127) return -1;
  const a = s.charCodeAt(start);
  const b = s.charCodeAt(start + 1);
  const m = s.charCodeAt(start + (n >> 1));
  const y = s.charCodeAt(end - 2);
  const z = s.charCodeAt(end - 1);
  if ((a | b | m | y | z) > 127) return -1; // the packing below is only exact for ASCII
  const sig = signature(n, a, b, m, y, z);
  for (let h = hashOf(n, a, b, m, y, z); slotOf[h] !== -1; h = (h + 1) & MASK) {
    if (signatures[h] === sig) return slotOf[h];
  }
  return -1;
}

/** SGLANG_FIELDS as bytes, for the exact check of the byte-level lookup. */
const FIELD_BYTES = SGLANG_FIELDS.map((name) => Uint8Array.from(name, (c) => c.charCodeAt(0)));

function sameBytes(bytes: Uint8Array, start: number, name: Uint8Array): boolean {
  for (let k = 0; k < name.length; k++) if (bytes[start + k] !== name[k]) return false;
  return true;
}

/*
 * Each name with its `: ` as little-endian 32-bit words (all names in one array, so the loads stay
 * monomorphic): the whole words from its start, then, when its length is not a multiple of four, the
 * last four bytes as one more (overlapping) word. Every key is at least 8 bytes (`#token: `), so a
 * key is two to seven word compares through a DataView and no byte loop; the byte-by-byte name
 * compare was the hottest loop of a parse.
 */
const KEY_LENGTH = SGLANG_FIELDS.map((name) => name.length + 2);
const WORD_START: number[] = [];
const wordAt = (key: string, w: number) => key.charCodeAt(w) | (key.charCodeAt(w + 1) << 8) | (key.charCodeAt(w + 2) << 16) | (key.charCodeAt(w + 3) << 24);
const KEY_WORDS = new Int32Array(
  SGLANG_FIELDS.flatMap((name) => {
    const key = `${name}: `;
    const words: number[] = [];
    for (let w = 0; w + 4 <= key.length; w += 4) words.push(wordAt(key, w));
    if (key.length % 4 !== 0) words.push(wordAt(key, key.length - 4));
    return words;
  }),
);
SGLANG_FIELDS.reduce((at, name, index) => {
  WORD_START[index] = at;
  return at + Math.ceil((name.length + 2) / 4);
}, 0);
WORD_START.push(KEY_WORDS.length);

/**
 * True if `bytes` (seen through `view`, the same memory) at `start` hold SGLANG_FIELDS[index] followed
 * by `: `, all before `end`. SGLang prints a line's fields in the same order every time, so checking
 * the expected name is cheaper than finding the colon and looking the name up.
 */
export function isFieldAt(view: DataView, start: number, end: number, index: number): boolean {
  const length = KEY_LENGTH[index];
  if (start + length > end) return false;
  const first = WORD_START[index];
  const last = WORD_START[index + 1] - 1;
  for (let w = first, at = start; w < last; w++, at += 4) if (view.getInt32(at, true) !== KEY_WORDS[w]) return false;
  return view.getInt32(start + length - 4, true) === KEY_WORDS[last];
}

/** Length of SGLANG_FIELDS[index]. */
export function fieldLength(index: number): number {
  return KEY_LENGTH[index] - 2; // a plain array of small integers: no load through a typed array object
}

/**
 * Index in SGLANG_FIELDS of the key `bytes[start, end)`, or -1. Unlike the string lookup it also
 * compares every byte, so a name it does not know exactly is left to the string path.
 */
export function sglangFieldIndexBytes(bytes: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (n < 2 || n > 127) return -1;
  const a = bytes[start];
  const b = bytes[start + 1];
  const m = bytes[start + (n >> 1)];
  const y = bytes[end - 2];
  const z = bytes[end - 1];
  if ((a | b | m | y | z) > 127) return -1;
  const sig = signature(n, a, b, m, y, z);
  for (let h = hashOf(n, a, b, m, y, z); slotOf[h] !== -1; h = (h + 1) & MASK) {
    if (signatures[h] === sig) return sameBytes(bytes, start, FIELD_BYTES[slotOf[h]]) ? slotOf[h] : -1;
  }
  return -1;
}

/*
 * Copy the seen fields into the record with plain named stores: one dynamic `rec[name] = v` per
 * field is a megamorphic keyed store, which cost ~15% of total parse time.
 */
function copyFieldsLow(rec: BatchRecord, seen: number, v: Float64Array): void {
  if (seen & 0x1) rec.newSeq = v[0];
  if (seen & 0x2) rec.newToken = v[1];
  if (seen & 0x4) rec.cachedToken = v[2];
  if (seen & 0x8) rec.tokenUsage = v[3];
  if (seen & 0x10) rec.fullTokenUsage = v[4];
  if (seen & 0x20) rec.swaTokenUsage = v[5];
  if (seen & 0x40) rec.mambaUsage = v[6];
  if (seen & 0x80) rec.preAllocatedUsage = v[7];
  if (seen & 0x100) rec.runningReq = v[8];
  if (seen & 0x200) rec.queueReq = v[9];
  if (seen & 0x400) rec.preallocReq = v[10];
  if (seen & 0x800) rec.inflightReq = v[11];
  if (seen & 0x1000) rec.transferReq = v[12];
  if (seen & 0x2000) rec.retractedReq = v[13];
  if (seen & 0x4000) rec.pendingToken = v[14];
}

function copyFieldsHigh(rec: BatchRecord, seen: number, v: Float64Array): void {
  if (seen & 0x8000) rec.bootstrapReq = v[15];
  if (seen & 0x10000) rec.unbootstrappedReq = v[16];
  if (seen & 0x20000) rec.transferringReq = v[17];
  if (seen & 0x40000) rec.numToken = v[18];
  if (seen & 0x80000) rec.numFullToken = v[19];
  if (seen & 0x100000) rec.numSwaToken = v[20];
  if (seen & 0x200000) rec.inputThroughput = v[21];
  if (seen & 0x400000) rec.genThroughput = v[22];
  if (seen & 0x800000) rec.acceptLen = v[23];
  if (seen & 0x1000000) rec.acceptRate = v[24];
  if (seen & 0x2000000) rec.cacheHitRate = v[25];
  if (seen & 0x4000000) rec.gapLatency = v[26];
  if (seen & 0x8000000) rec.cudaGraph = v[27] === 1;
  if (seen & 0x10000000) rec.npuGraph = v[28] === 1;
  if (seen & 0x20000000) rec.cpuGraph = v[29] === 1;
}

/** Copies the fields flagged in `seen` from the value scratch into the record. */
export function copySglangFields(rec: BatchRecord, seen: number, values: Float64Array): void {
  if (seen & 0x7fff) copyFieldsLow(rec, seen, values);
  if (seen & ~0x7fff) copyFieldsHigh(rec, seen, values);
}
