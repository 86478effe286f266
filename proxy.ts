import { NextResponse, type NextFetchEvent } from "next/server";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { checkActionRequest } from "@/lib/action-request";

// Signed-out visitors go to the sign-in page early (a convenience only: every page and action checks
// the session, including whether it was ended on the server, and the role for itself). Server-action
// POSTs, on any path, get their envelope checked first, so a malformed or oversized body answers 400/413
// instead of Next's 500.
const signInFirst = withAuth({ pages: { signIn: "/sign-in" } });
const SIGNED_IN_AREA = /^\/(registrations|invoices|setup|settings)(\/|$)/;

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export default async function proxy(req: NextRequestWithAuth, event: NextFetchEvent) {
  // A malformed escape (`/invite/%`) would make Next.js fail decoding the route's parameter with a 500:
  // it names no page, so it is a 404.
  if (!decodable(req.nextUrl.pathname)) return NextResponse.rewrite(new URL("/not-found", req.url), { status: 404 });
  if (req.headers.has("next-action")) {
    const refused = await checkActionRequest(req);
    if (refused) return refused;
  }
  if (SIGNED_IN_AREA.test(req.nextUrl.pathname)) return signInFirst(req, event);
  return NextResponse.next();
}

export const config = {
  matcher: [
    "/registrations/:path*",
    "/invoices/:path*",
    "/setup/:path*",
    "/settings/:path*",
    "/invite/:path*",
    { source: "/:path*", has: [{ type: "header", key: "next-action" }] },
  ],
};
