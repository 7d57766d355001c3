import type { NextConfig } from "next";

// Read when `next start` starts. On loopback (the default, see README) gzipping every response costs
// the server CPU that the browser on the same machine then lacks (a 1,000-run Pareto page drew ~60 ms
// later on 2 cores, measured interleaved) and saves nothing; served beyond it (SRTLOG_HOST=0.0.0.0 or
// a name), responses are compressed as usual.
const host = process.env.SRTLOG_HOST ?? "127.0.0.1";
const loopback = /^(127\.|localhost$|::1$|\[::1\]$)/.test(host);

const nextConfig: NextConfig = {
  compress: !loopback,
  // hyparquet-writer and friends are plain ESM that only lib/server uses; keep them out of the bundle.
  serverExternalPackages: ["hyparquet", "hyparquet-writer"],
};

export default nextConfig;
