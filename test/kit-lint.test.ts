// The kit's lint rule: a test that mocks the Next.js request itself, instead of using test/session.ts,
// fails `npm run lint`.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const lint = async (code: string, filePath: string) => {
  const [result] = await new ESLint({ cwd: process.cwd() }).lintText(code, { filePath });
  return result!.messages.map((m) => m.message);
};

describe("lint rule: no copied session mocks", () => {
  it("refuses vi.mock of next-auth, next/headers or next/cache in a test, and allows other mocks", async () => {
    const bad = ["next-auth", "next/headers", "next/cache"].map((m) => `vi.mock("${m}", () => ({}));`).join("\n");
    const messages = await lint(`import { vi } from "vitest";\n${bad}\nvi.mock("node:os");\n`, "lib/probe/kit-probe.test.ts");
    expect(messages.filter((m) => m.includes("actAs()"))).toHaveLength(3);
    expect(messages).toHaveLength(3);
  });
});
