import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { describeError, redactText } from "./log";

describe("describeError", () => {
  it("keeps the class, codes and frames of a chain of causes, but no message of a foreign error", () => {
    const pg = Object.assign(new Error('duplicate key value violates unique constraint "users_email" (ana@school.ro)'), { code: "23505" });
    class DrizzleQueryError extends Error {}
    const wrapped = new DrizzleQueryError("Failed query: insert into users … params: ana@school.ro,$2b$10$hash", { cause: pg });
    const d = describeError(new AppError("internal", "errors.internal", undefined, undefined, { cause: wrapped }));
    const text = JSON.stringify(d);
    expect(d).toMatchObject({ class: "AppError", message: "errors.internal", cause: { class: "DrizzleQueryError", cause: { class: "Error", code: "23505" } } });
    expect(d.stack?.[0]).toMatch(/^at /);
    expect(text).not.toMatch(/ana@school|Failed query|duplicate key/);
  });

  it("redacts secrets that slip into a safe message", () => {
    const out = redactText("Authorization: Basic YWRtaW46c2VjcmV0dG9rZW4= then token=abc123def and Bearer eyJhbGciOi.x.y");
    expect(out).not.toMatch(/YWRtaW46|abc123def|eyJhbGciOi/);
    expect(out).toContain("then");
    expect(redactText(`hash $2b$10$${"a".repeat(53)}`)).toBe("hash [redacted-hash]");
  });
});
