/** Distinct, print-friendly colours (Plotly's and d3's categorical sets), cycled for many runs. */
export const RUN_COLORS = [
  "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f",
  "#393b79", "#ad494a", "#637939", "#8c6d31", "#7b4173", "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363",
] as const;

/** Marker shapes; with the colours they tell up to 200 runs apart. */
export const RUN_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "cross", "x", "triangle-down", "star", "pentagon", "hexagon"] as const;

/** Colour and marker by position: colours cycle first, then the shape changes (Node Metrics still colours so; Pareto and Latency use keyStyle). */
export function runStyle(index: number): { color: string; symbol: string } {
  const color = RUN_COLORS[index % RUN_COLORS.length];
  const symbol = RUN_SYMBOLS[Math.floor(index / RUN_COLORS.length) % RUN_SYMBOLS.length];
  return { color, symbol };
}

/**
 * Paul Tol's "muted" scheme: nine colours told apart under the common colour-vision deficiencies and
 * in greyscale print. Runs and groups take theirs from a hash of their key (keyStyle), not from their
 * place in the selection, so a run keeps its colour across tabs, reloads and other selections.
 */
export const STABLE_PALETTE = ["#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499"] as const;

/** FNV-1a, 32 bit: fast, spreads similar keys ("3667_…", "3668_…") apart, and is the same in every browser and on the server. */
export function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The colour of a run (key: its directory) or of a group value (key: e.g. "H100"). */
export function keyColor(key: string): string {
  return STABLE_PALETTE[hashKey(key) % STABLE_PALETTE.length];
}

/**
 * Colour and marker of a run from its key. Nine colours collide often (three runs share one about a
 * third of the time), so the marker comes from other bits of the same hash: two runs of one colour
 * almost always differ by shape.
 */
export function keyStyle(key: string): { color: string; symbol: string } {
  const hash = hashKey(key);
  return { color: STABLE_PALETTE[hash % STABLE_PALETTE.length], symbol: RUN_SYMBOLS[Math.floor(hash / STABLE_PALETTE.length) % RUN_SYMBOLS.length] };
}

/**
 * Colours for the keys drawn together (the selected runs, or the groups shown). Each key takes its own
 * hashed colour; nine colours collide often, though (H100 and B200 share one), so when two keys on one
 * chart would share a colour and there are enough colours to go round, the key that sorts first keeps it
 * and the other takes the next free one. The result depends on the set of keys only, never their order:
 * the same selection gets the same colours on every tab and after every reload, and a key moves only when
 * a newly selected key claims its colour. Above nine keys colours must repeat: each keeps its hashed one.
 */
export function keyColors(keys: readonly string[]): Map<string, string> {
  const n = STABLE_PALETTE.length;
  const unique = [...new Set(keys)].sort();
  const home = new Map(unique.map((key) => [key, hashKey(key) % n]));
  if (unique.length > n) return new Map(unique.map((key) => [key, STABLE_PALETTE[home.get(key)!]]));
  const slots = new Map<string, number>();
  const taken = new Set<number>();
  // First every key whose home colour no earlier key took keeps it; then the rest probe for a free one.
  for (const key of unique) {
    if (!taken.has(home.get(key)!)) taken.add(home.get(key)!), slots.set(key, home.get(key)!);
  }
  for (const key of unique.filter((k) => !slots.has(k))) {
    let slot = home.get(key)!;
    while (taken.has(slot)) slot = (slot + 1) % n;
    taken.add(slot), slots.set(key, slot);
  }
  return new Map(unique.map((key) => [key, STABLE_PALETTE[slots.get(key)!]]));
}

/** Axes and background shared by every chart. */
export const BASE_LAYOUT = {
  paper_bgcolor: "#ffffff",
  plot_bgcolor: "#ffffff",
  font: { family: "ui-sans-serif, system-ui, sans-serif", size: 12, color: "#0f172a" },
  hovermode: "closest" as const,
  margin: { l: 70, r: 20, t: 60, b: 60 },
  hoverlabel: { align: "left" as const },
};

export const GRID_AXIS = { showgrid: true, gridcolor: "#e2e8f0", zeroline: false, linecolor: "#94a3b8", automargin: true };

/** Points failing the SLA lens: light grey, still visible for context. */
export const SLA_FAIL_COLOR = "#cbd5e1";
/** A run's marker colours: its own colour, grey where a point fails the SLA (`failures[i]` set). */
export function slaMarkerColor(failures: readonly (string | null)[], color: string): string | string[] {
  return failures.some(Boolean) ? failures.map((failure) => (failure ? SLA_FAIL_COLOR : color)) : color;
}

/** The best point meeting the SLA: gold star. */
export const SLA_BEST_COLOR = "#facc15";
