import "server-only";
import { env } from "@/lib/env";

// The app's own origin, from configuration only. Links we hand out (invitations) and the base that
// redirects are checked against never come from Host or X-Forwarded-Host, which a caller controls.
// scripts/with-db.ts sets NEXTAUTH_URL for the embedded default; a deployment sets it explicitly.
export function appOrigin(): string {
  return new URL(env().NEXTAUTH_URL ?? "http://localhost:3000").origin;
}

