/** Why dist/srtlog.mjs under `root` (a file: URL ending in "/") cannot be trusted, or null when it is current. */
export function staleBundle(root: URL): string | null;
