import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";

// A convenience only: it sends signed-out visitors to the sign-in page early. Every page and action
// checks the session (including whether it was ended on the server) and the role for itself.
const requireSignIn = withAuth({ pages: { signIn: "/sign-in" } });

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export default function proxy(req: NextRequest, event: NextFetchEvent) {
  const path = req.nextUrl.pathname;
  // A malformed escape (`/invite/%`) would make Next.js fail decoding the route's parameter with a 500:
  // it names no page, so it is a 404.
  if (!decodable(path)) return NextResponse.rewrite(new URL("/not-found", req.url), { status: 404 });
  if (path.startsWith("/invite/")) return NextResponse.next();
  return requireSignIn(req as NextRequestWithAuth, event);
}

export const config = {
  matcher: ["/registrations/:path*", "/invoices/:path*", "/setup/:path*", "/settings/:path*", "/invite/:path*"],
};
