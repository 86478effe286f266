import { withAuth } from "next-auth/middleware";

// A convenience only: it sends signed-out visitors to the sign-in page early. Every page and action
// checks the session and role for itself.
export default withAuth({ pages: { signIn: "/sign-in" } });

export const config = {
  matcher: ["/registrations/:path*", "/invoices/:path*", "/setup/:path*", "/settings/:path*"],
};
