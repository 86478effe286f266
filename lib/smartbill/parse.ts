import "server-only";
import type { z } from "zod";
import { unreadableSuccess, type CallKind } from "./classify";
import { SmartBillError } from "./errors";
import type { SmartBillResponse } from "./http";

/** A success body in the shape we rely on; otherwise `ambiguous` after a create, `unavailable` after a read. */
export function parseBody<T extends z.ZodType>(res: SmartBillResponse, schema: T, operation: string, kind: CallKind): z.infer<T> {
  const parsed = schema.safeParse(res.json);
  if (!parsed.success) throw unreadableSuccess(kind, operation, res.status);
  return parsed.data;
}

/** Validates an input before anything is sent, naming the first offending field (never its value). */
export function checkInput<T extends z.ZodType>(schema: T, input: unknown, operation: string): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const keys = issue.code === "unrecognized_keys" ? `.${issue.keys.join(",")}` : "";
  const field = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "") + keys;
  return failInput(operation, field.replace(/^\./, "") || "(input)", issue.message);
}

function failInput(operation: string, field: string, message: string): never {
  throw new SmartBillError({
    // The same code SmartBill would have answered with, had it been sent.
    code: /^client(\.|$)/.test(field) ? "buyer_invalid" : "validation",
    operation,
    field,
    originalText: `${field}: ${message}`,
    variant: "input_invalid",
    retryable: false,
  });
}
