// HTTP Basic, pre-emptive: `Authorization: Basic base64(<login e-mail>:<API token>)`.
export type BasicAuth =
  | { kind: "none" }
  /** A Basic header that cannot be decoded: SmartBill answers 500 with a Tomcat page [I]. */
  | { kind: "malformed" }
  | { kind: "ok"; user: string; token: string };

export function parseBasic(header: string | null): BasicAuth {
  if (!header || !header.trim()) return { kind: "none" };
  const m = /^\s*basic(?:\s+(.*))?$/i.exec(header);
  if (!m) return { kind: "none" };
  const encoded = (m[1] ?? "").trim();
  if (!encoded || encoded.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return { kind: "malformed" };
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return { kind: "malformed" };
  return { kind: "ok", user: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
}

export function basicHeader(user: string, token: string): string {
  return `Basic ${Buffer.from(`${user}:${token}`, "utf8").toString("base64")}`;
}
