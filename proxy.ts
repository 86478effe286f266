import { NextResponse, type NextFetchEvent } from "next/server";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { checkActionRequest } from "@/lib/action-request";
import { isMalformedPath } from "@/lib/request-path";
import { securityHeadersFor } from "@/lib/security-headers";

// Runs on every path but the build's static files. A malformed URL (lib/request-path.ts) answers 400
// (API) or the 404 page, never Next's 500. Signed-out visitors go to the sign-in page early (a
// convenience only: every page and action checks the session, including whether it was ended on the
// server, and the role for itself). Server-action POSTs, on any path, get their envelope checked first,
// so a malformed or oversized body answers 400/413 instead of Next's 500.
const signInFirst = withAuth({ pages: { signIn: "/sign-in" } });
const SIGNED_IN_AREA = /^\/(registrations|invoices|setup|settings)(\/|$)/;

/** The proxy's own answers carry the security headers themselves (lib/security-headers.ts). */
function secured<R extends Response>(req: Request, res: R): R {
  for (const [key, value] of securityHeadersFor(req, { dev: process.env.NODE_ENV === "development", appUrl: process.env.NEXTAUTH_URL })) res.headers.set(key, value);
  return res;
}

export default async function proxy(req: NextRequestWithAuth, event: NextFetchEvent) {
  // It names no page and no resource: an API caller gets a 400 it can read, a browser the 404 page.
  if (isMalformedPath(req.nextUrl.pathname)) {
    return secured(
      req,
      req.nextUrl.pathname.startsWith("/api/")
        ? NextResponse.json({ error: "errors.validation", message: "Malformed URL." }, { status: 400 })
        : NextResponse.rewrite(new URL("/not-found", req.url), { status: 404 }),
    );
  }
  if (req.headers.has("next-action")) {
    const refused = await checkActionRequest(req);
    if (refused) return secured(req, refused);
  }
  if (SIGNED_IN_AREA.test(req.nextUrl.pathname)) return signInFirst(req, event);
  return NextResponse.next();
}

export const config = {
  // Every path, API and auth routes included, but the build's hashed static files.
  matcher: ["/((?!_next/static/|_next/image).*)"],
};
