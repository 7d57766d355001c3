// Outside Next.js, "server-only" would throw on import; the CLI is server code, so it resolves to nothing.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
  return nextResolve(specifier, context);
}
