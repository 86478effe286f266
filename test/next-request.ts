// Setup file (vitest.config.mts), applied to every test file: vitest runs server code outside a Next.js
// request, so this stands in for one. next-auth's session, the cookies and the request headers come from
// test/request-scope.ts (set with actAs() from test/session.ts); revalidatePath(), revalidateTag(),
// updateTag() and refresh() are spies. The rest of each module is the real one.
import { vi } from "vitest";

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: (await import("./request-scope")).getServerSession,
}));
vi.mock("next/headers", async (importOriginal) => {
  const { cookies, headers } = await import("./request-scope");
  return { ...(await importOriginal<typeof import("next/headers")>()), cookies, headers };
});
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  ...(await import("./request-scope")).cache,
}));
