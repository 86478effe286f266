// Headers on every response (next.config.ts). Pure: next.config.ts imports it at build time.
//
// script-src allows 'unsafe-inline' because Next's App Router streams its page data in inline <script>
// tags; the alternative, a per-request nonce set by the proxy, would make every page dynamic. The
// policy still pins scripts, styles, images, fonts and fetches to this origin, forbids framing
// (clickjacking) and <base> hijacking.
export function securityHeaders(opts: { dev: boolean }): { key: string; value: string }[] {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
  ].join("; ");
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
    { key: "X-Frame-Options", value: "DENY" },
  ];
}

/** Sent only over https: behind a TLS-terminating proxy (x-forwarded-proto) or when the app URL is https. */
export const HSTS = { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" };

/**
 * The same headers for a response the proxy answers itself (a malformed URL or action request): such an
 * answer is not a page or route, so it is not trusted to pick up next.config's rules. HSTS as there:
 * over https only.
 */
export function securityHeadersFor(req: { headers: Headers }, opts: { dev: boolean; appUrl: string | undefined }): [string, string][] {
  const https = (opts.appUrl?.startsWith("https://") ?? false) || /https/.test(req.headers.get("x-forwarded-proto") ?? "");
  return [...securityHeaders({ dev: opts.dev }), ...(https ? [HSTS] : [])].map(({ key, value }) => [key, value]);
}
