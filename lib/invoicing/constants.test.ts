import { describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { INVOICE_REQUEST_STATUSES } from "./constants";

describe("invoice constants for client code", () => {
  it("match the schema's", () => {
    expect(INVOICE_REQUEST_STATUSES).toEqual(schema.INVOICE_REQUEST_STATUSES);
  });
});
