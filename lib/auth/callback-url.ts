// Where to go after signing in: only a path on our own origin. Checked by parsing, as the browser
// would, not by looking at the first characters: `/\evil.example`, `/%09/evil.example` and
// `/.//evil.example` all start with one slash yet leave the site.

/** The same-origin path (with query and hash) that `raw` points to, or null when it leaves `base`. */
export function safeCallbackPath(raw: string | null | undefined, base: string): string | null {
  if (!raw || raw.length > 2000) return null;
  let target: URL;
  let origin: string;
  try {
    origin = new URL(base).origin;
    target = new URL(raw, origin + "/");
  } catch {
    return null;
  }
  if (target.origin !== origin || (target.protocol !== "http:" && target.protocol !== "https:")) return null;
  const path = target.pathname;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  // A path that starts with two slashes (or a slash and a backslash) is a host to the browser; one
  // that decodes to such a path is one to any layer that decodes it again.
  for (const p of [path, decoded]) {
    if (/^[/\\][/\\]/.test(p) || /[\u0000-\u001f\u007f\\]/.test(p)) return null;
  }
  return path + target.search + target.hash;
}

/** For next-auth's `redirect` callback: an absolute URL on `baseUrl`, never elsewhere. */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const path = safeCallbackPath(url, baseUrl);
  return path ? new URL(path, baseUrl).toString() : baseUrl;
}
