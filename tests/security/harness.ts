import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import path from "node:path";

/**
 * Runs `next start` of this checkout's build on temp dirs, as an unprivileged user when the tests run
 * as root (nobody:nogroup via setpriv), so permission checks in the server are the real ones.
 * SRTLOG_SECURITY_APP=/other/checkout points it at another build (e.g. the code before a fix).
 */
export const APP_DIR = process.env.SRTLOG_SECURITY_APP ?? process.cwd();
export const AS_ROOT = process.getuid?.() === 0;
const uidOf = (flag: "-u" | "-g") => Number(execFileSync("id", [flag, "nobody"], { encoding: "utf8" }).trim());
/** Who the server runs as: nobody when we are root, else ourselves. */
export const SERVER_UID = AS_ROOT ? uidOf("-u") : process.getuid!();
export const SERVER_GID = AS_ROOT ? uidOf("-g") : process.getgid!();

/** A fresh world-readable temp dir (mkdtemp makes 0700, which nobody could not enter). */
export async function makeBase(): Promise<string> {
  const base = await mkdtemp("/tmp/srtlog-security-");
  await chmod(base, 0o755);
  return base;
}

/** Hand a tree to the server's user, as a user's own logs dir would be. */
export function giveToServer(...paths: string[]): void {
  if (AS_ROOT) execFileSync("chown", ["-R", "-h", `${SERVER_UID}:${SERVER_GID}`, ...paths]);
}

/** A directory the server's user cannot write: root's when we are root, else mode 0555. */
export async function makeReadOnlyDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  if (AS_ROOT) execFileSync("chown", ["0:0", dir]);
  await chmod(dir, AS_ROOT ? 0o755 : 0o555);
}

export async function removeBase(base: string): Promise<void> {
  if (!AS_ROOT) execFileSync("chmod", ["-R", "u+rwX", base]);
  await rm(base, { recursive: true, force: true });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer().once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export interface Server {
  port: number;
  origin: string;
  stop: () => Promise<void>;
  output: () => string;
}

async function waitUntilAnswering(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output()}`);
    const up = await request(port, { path: "/api/nodes/progress?id=0000000000000000" }).then(() => true, () => false);
    if (up) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`next start did not answer on ${port}:\n${output()}`);
}

/** `next start` on the first free port of `ports`, with only the environment given (plus PATH). */
export async function startServer(ports: number[], env: Record<string, string>): Promise<Server> {
  if (!existsSync(path.join(APP_DIR, ".next", "BUILD_ID"))) throw new Error(`no build in ${APP_DIR}/.next: run \`npx next build\` (make test does) first`);
  let port = 0;
  for (const candidate of ports) if (await portIsFree(candidate)) { port = candidate; break; }
  if (!port) throw new Error(`no free port among ${ports.join(", ")}`);
  const next = [process.execPath, path.join(APP_DIR, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)];
  const command = AS_ROOT ? ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", ...next] : next;
  const child = spawn(command[0], command.slice(1), {
    cwd: APP_DIR,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (chunk) => (log += chunk));
  child.stderr!.on("data", (chunk) => (log += chunk));
  const output = () => log;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid!, "SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
  };
  try {
    await waitUntilAnswering(port, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, origin: `http://127.0.0.1:${port}`, stop, output };
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** One HTTP request with exactly these headers (fetch would not let us set Host). */
export function request(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, method: options.method ?? "GET", path: options.path, headers: { host: `127.0.0.1:${port}`, ...options.headers } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on("error", reject);
    req.setTimeout(60_000, () => req.destroy(new Error(`timeout: ${options.path}`)));
    req.end(options.body);
  });
}

/** A tag edit as the dashboard's own page sends it (same-origin), unless `headers` say otherwise. */
export function postTags(server: Server, runDir: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return request(server.port, {
    method: "POST",
    path: `/api/runs/${runDir}/tags`,
    headers: { origin: server.origin, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
