// Assertions on how a call fails.
//   const e = await expectAppError(saveProfile(...));          e.code, e.message (a message key)
//   const e = await expectSmartBillError(sb.series.list(c));   e.code, e.originalText
import { expect } from "vitest";
import { AppError } from "../lib/errors";
import { isSmartBillError, type SmartBillError } from "../lib/smartbill/errors";

/** Awaits a promise that must reject with an AppError, and returns the error. */
export const expectAppError = (p: Promise<unknown>): Promise<AppError> =>
  p.then(
    () => expect.unreachable("expected an AppError"),
    (e: unknown) => {
      expect(e).toBeInstanceOf(AppError);
      return e as AppError;
    },
  );

/** Awaits a call that must fail with a SmartBillError, and returns the error. */
export const expectSmartBillError = (p: Promise<unknown>): Promise<SmartBillError> =>
  p.then(
    () => expect.unreachable("expected a SmartBillError"),
    (e: unknown) => {
      expect(isSmartBillError(e)).toBe(true);
      return e as SmartBillError;
    },
  );
