import { describe, expect, it } from "vitest";
import * as db from "@/db/schema/registrations";
import * as c from "./constants";

describe("registration constants", () => {
  it("match the database schema", () => {
    expect(c.MAX_BANI).toBe(db.MAX_BANI);
    expect(c.PAYMENT_STATUSES).toEqual(db.PAYMENT_STATUSES);
    expect(c.PAYMENT_METHODS).toEqual(db.paymentMethodEnum.enumValues);
    expect(c.PAYMENT_SOURCES).toEqual(db.paymentSourceEnum.enumValues);
    expect(c.BUYER_TYPES).toEqual(db.buyerTypeEnum.enumValues);
    expect(c.REGISTRATION_STATUSES).toEqual(db.registrationStatusEnum.enumValues);
  });
});
