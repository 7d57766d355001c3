// Stands in for the "server-only" package outside Next.js (vitest, CLI): importing it is a no-op.
export {};
