// The state behind the stand-in Next.js request (test/next-request.ts). Kept free of app imports: the
// mock factories load it while next-auth and next/headers are being mocked. Tests use test/session.ts.
import { vi } from "vitest";

export const scope = {
  userId: null as string | null,
  cookies: new Map<string, string>(),
  headers: new Headers({ host: "localhost:3000" }),
};

// next/cache's request-bound functions, as spies (outside a request the real ones throw).
export const cache = {
  revalidatePath: vi.fn<(path: string, type?: "page" | "layout") => void>(),
  revalidateTag: vi.fn<(tag: string, profile?: unknown) => void>(),
  updateTag: vi.fn<(tag: string) => void>(),
  refresh: vi.fn<() => void>(),
};

export const getServerSession = async () => (scope.userId ? { user: { id: scope.userId } } : null);

export const cookies = async () => ({
  get: (name: string) => (scope.cookies.has(name) ? { name, value: scope.cookies.get(name)! } : undefined),
  has: (name: string) => scope.cookies.has(name),
  getAll: () => [...scope.cookies].map(([name, value]) => ({ name, value })),
  set: (name: string, value: string) => void scope.cookies.set(name, value),
  delete: (name: string) => void scope.cookies.delete(name),
});

export const headers = async () => scope.headers;
