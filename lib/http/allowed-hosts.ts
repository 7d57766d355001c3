/** Names a browser on this machine uses to reach a loopback server. */
const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];
const WILDCARD = new Set(["0.0.0.0", "::", "[::]"]);

function hostnameOf(host: string): string | null {
  try {
    return new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Host names the server answers to: loopback, the address it is bound to ($SRTLOG_HOST, or $HOST as
 * `next start` users may still set it) unless that is a wildcard, and $SRTLOG_ALLOWED_HOSTS.
 */
export function allowedHostnames(env: Record<string, string | undefined> = process.env): Set<string> {
  const extra = (env.SRTLOG_ALLOWED_HOSTS ?? "").split(",").map((h) => h.trim());
  const bound = [env.SRTLOG_HOST, env.HOST].filter((h): h is string => !!h && !WILDCARD.has(h.trim()));
  const names = [...LOOPBACK, ...extra, ...bound].filter(Boolean).map((h) => hostnameOf(h.includes(":") && !h.startsWith("[") ? `[${h}]` : h));
  return new Set(names.filter((h): h is string => h !== null));
}

/**
 * Why a request's Host header is refused, or null when it is one we serve. A DNS-rebinding page reaches
 * us under its own name, so checking the name stops it reading runs or writing tags.
 */
export function hostProblem(host: string | null, env?: Record<string, string | undefined>): string | null {
  if (!host) return "no Host header";
  const hostname = hostnameOf(host);
  if (!hostname) return `host ${host} is not a valid host name`;
  if (allowedHostnames(env).has(hostname)) return null;
  return `host ${hostname} is not allowed (set SRTLOG_ALLOWED_HOSTS=${hostname} to allow it)`;
}
