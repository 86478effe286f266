// The caller's network address, for the per-client sign-in limit (lib/auth/throttle.ts).
//
// Next.js fills `X-Forwarded-For` with the socket's address only when the request has none, and
// next-auth hands us the request headers as they are. So the rightmost entry is:
//   - behind a reverse proxy that sets or appends X-Forwarded-For (nginx `$proxy_add_x_forwarded_for`,
//     Caddy, a cloud load balancer): the address that proxy saw, which the client cannot choose;
//   - with Next.js exposed directly: the socket address, unless the client sent the header itself,
//     in which case the client picks its own bucket. The per-account limit does not depend on it.
// docs/security.md says to deploy behind a proxy that sets the header.
type HeaderBag = Headers | Record<string, string | string[] | undefined> | undefined | null;

function header(h: HeaderBag, name: string): string | undefined {
  if (!h) return undefined;
  if (h instanceof Headers) return h.get(name) ?? undefined;
  const v = h[name] ?? h[name.toLowerCase()];
  return Array.isArray(v) ? v.join(",") : v;
}

export function clientAddressFrom(h: HeaderBag): string | null {
  const forwarded = header(h, "x-forwarded-for");
  const last = forwarded
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .at(-1);
  if (!last || last.length > 64) return null;
  // IPv4-mapped IPv6 (::ffff:1.2.3.4) and plain IPv4 are one client.
  return last.replace(/^::ffff:/i, "").toLowerCase();
}
