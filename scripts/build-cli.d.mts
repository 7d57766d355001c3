/** Bundle the CLI into dist/srtlog.mjs (and dist/srtlog.inputs.json); returns how many sources and bytes. */
export function buildCli(): Promise<{ sources: number; bytes: number }>;
