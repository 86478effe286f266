// The import template download: only for members who may import; a CSV that the import reads back whole.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { guessMapping, IMPORT_FIELDS, parseCsv } from "@/lib/registrations/import/csv";
import { createTestDb, type TestDb } from "@/test/db";
import { createSchool, type School } from "@/test/school";
import { actAs, signOut } from "@/test/session";
import { GET } from "./route";

let t: TestDb;
let school: School<"admin" | "staff" | "accountant">;

beforeAll(async () => {
  t = await createTestDb({ app: true });
  school = await createSchool(t.db, { roles: ["admin", "staff", "accountant"] });
});
afterAll(() => t.drop());
beforeEach(() => signOut());

describe("GET /registrations/import/template", () => {
  it("refuses a visitor without a session and an accountant", async () => {
    const anonymous = await GET();
    expect(anonymous.status).toBe(401);
    actAs(school.accountant);
    const accountant = await GET();
    expect(accountant.status).toBe(403);
    expect(await accountant.text()).not.toContain("Client");
  });

  it("gives admins and staff a CSV attachment that maps every field", async () => {
    for (const member of [school.staff, school.admin]) {
      actAs(member);
      const res = await GET();
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="bursar-import-template.csv"');
      const text = await res.text();
      const csv = parseCsv(text);
      expect(Object.keys(guessMapping(csv.headers)).sort()).toEqual([...IMPORT_FIELDS].sort());
      expect(csv.rows).toHaveLength(2);
    }
  });
});
