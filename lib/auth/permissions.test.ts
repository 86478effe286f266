import { describe, expect, it } from "vitest";
import { can, homePathFor } from "./permissions";

describe("permissions", () => {
  it("follow the product's role table", () => {
    expect(can("admin", "manageBilling")).toBe(true);
    expect(can("staff", "manageBilling")).toBe(false);
    expect(can("staff", "issueInvoices")).toBe(true);
    expect(can("accountant", "issueInvoices")).toBe(false);
    expect(can("accountant", "viewInvoices")).toBe(true);
    expect(can("accountant", "manageTeam")).toBe(false);
  });
  it("send each role to a page it may see", () => {
    expect(homePathFor("admin")).toBe("/registrations");
    expect(homePathFor("staff")).toBe("/registrations");
    expect(homePathFor("accountant")).toBe("/invoices");
  });
});
