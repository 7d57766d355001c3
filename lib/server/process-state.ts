import "server-only";

/**
 * State shared by every route of this server process. Next bundles pages and route handlers as
 * separate entries, each with its own copy of a module, so a module-level Map in a page is not the
 * one a route handler sees; one object per name on globalThis is.
 */
export function processState<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`srtlog.${name}`);
  return (store[key] ??= create());
}
