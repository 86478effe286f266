import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

// The origin the user is looking at (for links we show them to copy), falling back to NEXTAUTH_URL.
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host");
  if (host) {
    const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
    return `${proto}://${host}`;
  }
  return env().NEXTAUTH_URL ?? "http://localhost:3000";
}
