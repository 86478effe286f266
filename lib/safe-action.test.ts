// The action wrapper against real PostgreSQL; only the request is simulated (test/next-request.ts).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { db } from "@/db";
import { en, ro } from "@/messages";
import { createTestDb, type TestDb } from "@/test/db";
import { createSchool, type School } from "@/test/school";
import { actAs, signOut } from "@/test/session";
import { AppError } from "./errors";
import { memberAction, publicAction } from "./safe-action";

let t: TestDb;
let school: School<"admin" | "staff">;

beforeAll(async () => {
  t = await createTestDb({ app: true });
  school = await createSchool(t.db, { name: "Wrapper", roles: ["admin", "staff"] });
});
afterAll(() => t.drop());

function lookup(messages: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

describe("memberAction", () => {
  it("refuses a role before looking at the input: a staff member learns nothing about an admin action's schema", async () => {
    const run = vi.fn(async () => "ran");
    const action = memberAction({ name: "adminOnly", schema: z.object({ secretField: z.string().min(5) }), roles: ["admin"] }, run);
    actAs(school.staff);
    for (const body of [null, [], "x", { secretField: 1 }, { secretField: "long enough" }]) {
      const res = await action(body as never);
      expect(res).toEqual({ ok: false, code: "forbidden", error: "errors.forbidden" });
    }
    actAs(school.admin);
    expect(await action({ secretField: 1 } as never)).toMatchObject({ ok: false, code: "validation", fieldErrors: { secretField: ["errors.invalidField"] } });
    expect(run).not.toHaveBeenCalled();
  });

  it("answers every failure with a message key that exists in English and Romanian", async () => {
    actAs(school.admin);
    const schema = z.object({ n: z.number(), name: z.string().min(2, "nameShort") });
    const failures = [
      await memberAction({ name: "v", schema, roles: ["admin"] }, async () => 1)({ n: "x", name: "a" } as never),
      await memberAction({ name: "c", schema: z.object({}), roles: ["admin"] }, async () => {
        throw new AppError("conflict", "team.lastAdmin");
      })({}),
      await publicAction({ name: "p", schema: z.object({}) }, async () => {
        throw new Error("boom with user input ana@school.ro");
      })({}),
    ];
    signOut();
    failures.push(await memberAction({ name: "u", schema, roles: ["admin"] }, async () => 1)({ n: 1, name: "ab" }));
    for (const res of failures) {
      expect(res.ok).toBe(false);
      if (res.ok) continue;
      for (const key of [res.error, ...Object.values(res.fieldErrors ?? {}).flat().map((k) => (k.includes(".") ? k : `validation.${k}`))]) {
        expect(typeof lookup(en, key), key).toBe("string");
        expect(typeof lookup(ro, key), key).toBe("string");
      }
    }
    expect(failures.map((f) => !f.ok && f.error)).toEqual(["errors.validation", "team.lastAdmin", "errors.internal", "errors.unauthenticated"]);
  });

  it("carries a domain reason and SmartBill's text beside the code", async () => {
    actAs(school.admin);
    const res = await memberAction({ name: "sb", schema: z.object({}), roles: ["admin"] }, async () => {
      throw new AppError("external", "smartbill.errors.credentials", undefined, "Autentificare esuata.", { reason: "credentials" });
    })({});
    expect(res).toEqual({ ok: false, code: "external", error: "smartbill.errors.credentials", reason: "credentials", detail: "Autentificare esuata." });
  });

  it("logs a database failure by class, SQLSTATE and request id, never its query, parameters or message", async () => {
    actAs(school.admin);
    const secret = "parola-secreta@scoala.ro";
    const logged: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    try {
      const res = await memberAction({ name: "saveThing", schema: z.object({}), roles: ["admin"] }, async () => {
        await db.execute(sql`select ${`${secret}\u0000`}::text as v`);
      })({});
      expect(res).toMatchObject({ ok: false, code: "internal", error: "errors.internal", requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      const line = logged.join("\n");
      expect(line).toContain(!res.ok ? res.requestId! : "?");
      expect(line).toContain("action.saveThing");
      expect(line).toMatch(/"code":"22021"/);
      expect(line).toMatch(/"stack":\["at /);
      expect(line).not.toContain(secret);
      expect(line).not.toMatch(/select|Failed query|params/i);
    } finally {
      spy.mockRestore();
    }
  });
});
