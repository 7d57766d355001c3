import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // hyparquet-writer and friends are plain ESM that only lib/server uses; keep them out of the bundle.
  serverExternalPackages: ["hyparquet", "hyparquet-writer"],
};

export default nextConfig;
