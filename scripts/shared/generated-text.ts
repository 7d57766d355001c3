// Fake model output. Real generated_texts hold quotes, brackets, newlines and non-ASCII that
// sa-bench writes as \" and \uXXXX escapes, so the corpus deliberately contains all of those.
import { createRng, type Rng } from "./prng";

const WORDS = (
  "the model server request token batch prefill decode cache latency throughput system answer question " +
  "result value first second because however therefore which would could should also only other into " +
  "over after before between under during without within along across number table column figure data"
).split(" ");

const SPECIALS = [
  'he said "yes" and left',
  "see [1] and [2]",
  '{"key": "value", "n": 3}',
  "a\\b path C:\\tmp",
  "café au lait",
  "naïve résumé",
  "温度 is 25°C",
  "x → y ≤ z",
  "emoji 🚀 launch",
  "Ωmega – em—dash",
  "tab\tseparated",
  "line one\nline two",
  "「引用」",
  "(nested [brackets {here}])",
];

const CHARS_PER_TOKEN = 4.2;

function buildCorpus(rng: Rng, length: number): string {
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const piece = rng.chance(0.04) ? rng.pick(SPECIALS) : rng.pick(WORDS);
    const sep = rng.chance(0.08) ? ". " : rng.chance(0.05) ? ", " : " ";
    parts.push(piece, sep);
    size += piece.length + sep.length;
  }
  return parts.join("");
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Slices of a fixed pseudo-text; never splits a surrogate pair. */
export class TextSource {
  private readonly corpus: string;

  constructor(seed: string, corpusChars = 1 << 17) {
    this.corpus = buildCorpus(createRng(seed), corpusChars);
  }

  slice(rng: Rng, chars: number): string {
    const len = Math.max(1, Math.min(chars, this.corpus.length - 2));
    let start = rng.int(0, this.corpus.length - len - 1);
    const wordStart = this.corpus.indexOf(" ", start);
    if (wordStart !== -1 && wordStart < start + 16 && wordStart + 1 + len < this.corpus.length) start = wordStart + 1;
    if (isLowSurrogate(this.corpus.charCodeAt(start))) start++;
    let end = start + len;
    if (isHighSurrogate(this.corpus.charCodeAt(end - 1))) end--;
    return this.corpus.slice(start, end);
  }

  /** Text of roughly `tokens` tokens. */
  forTokens(rng: Rng, tokens: number): string {
    return this.slice(rng, Math.round(tokens * CHARS_PER_TOKEN));
  }
}
