// The transition table and the code cannot drift apart: every status change the code makes is a named
// move (checked against the table when status.ts loads), and no file but status.ts writes the status.
// The moves are read from the code itself: every `move: "<name>"` and every setStatusSql/fromStatusSql call.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { INVOICE_REQUEST_STATUSES } from "@/db/schema";
import { canTransition, MOVES, type MoveName } from "./status";

const ROOT = path.resolve(__dirname, "../../..");
const DIRS = ["app", "lib", "db", "scripts"];

function sources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== "node_modules" && !e.name.startsWith(".")) walk(p);
      } else if (/\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) {
        out.push({ file: path.relative(ROOT, p), text: fs.readFileSync(p, "utf8") });
      }
    }
  };
  for (const d of DIRS) walk(path.join(ROOT, d));
  return out;
}

describe("invoice request status", () => {
  const files = sources();

  it("every move the code makes is declared and allowed by the table", () => {
    const used = new Set<string>();
    for (const { text } of files) {
      for (const m of text.matchAll(/\bmove: "(\w+)"/g)) used.add(m[1]!);
      for (const m of text.matchAll(/\b(?:setStatusSql|fromStatusSql)\("(\w+)"/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(8);
    for (const name of used) {
      expect(Object.keys(MOVES), `move "${name}" is used but not declared`).toContain(name);
      const m = MOVES[name as MoveName];
      for (const from of m.from) expect(canTransition(from, m.to), `${name}: ${from} → ${m.to}`).toBe(true);
    }
    // And nothing is declared that no code makes (a declared move is a promise about the code).
    expect(Object.keys(MOVES).filter((n) => !used.has(n))).toEqual([]);
  });

  it("no file but engine/status.ts writes invoice_requests.status", () => {
    const writers: string[] = [];
    for (const { file, text } of files) {
      if (file === "lib/invoicing/engine/status.ts") continue;
      // Drizzle: an update of invoiceRequests whose set names status; SQL: `set status =` / `, status =` on invoice_requests.
      for (const m of text.matchAll(/\.update\(invoiceRequests\)\s*\.set\(\{([^}]*)\}/g)) if (/\bstatus\s*:/.test(m[1]!)) writers.push(`${file}: drizzle`);
      for (const m of text.matchAll(/update\s+invoice_requests\b([\s\S]{0,400}?)\bwhere\b/gi)) if (/(?:set|,)\s*status\s*=/i.test(m[1]!)) writers.push(`${file}: sql`);
      if (/\binsert\s+into\s+invoice_requests\b[^;]*\bstatus\b/i.test(text)) writers.push(`${file}: insert with a status`);
    }
    expect(writers).toEqual([]);
  });

  it("the table covers every status and ends at issued and cancelled", () => {
    for (const s of INVOICE_REQUEST_STATUSES) for (const to of INVOICE_REQUEST_STATUSES) expect(typeof canTransition(s, to)).toBe("boolean");
    expect(INVOICE_REQUEST_STATUSES.filter((to) => canTransition("issued", to) || canTransition("cancelled", to))).toEqual([]);
    expect(canTransition("queued", "issued")).toBe(false);
    expect(canTransition("in_doubt", "cancelled")).toBe(false);
  });
});
