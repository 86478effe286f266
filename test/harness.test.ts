import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisations } from "../db/schema";
import { createTestDb, type TestDb } from "./db";

describe("test database harness", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it("gives each file a migrated, empty database of its own", async () => {
    expect(await t.db.select().from(organisations)).toEqual([]);
    await t.db.insert(organisations).values({ name: "Școala de Test" });
    const rows = await t.db.select().from(organisations);
    expect(rows.map((r) => r.name)).toEqual(["Școala de Test"]);
  });
});
