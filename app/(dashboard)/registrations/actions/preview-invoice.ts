"use server";

import { db } from "@/db";
import { previewManualInvoice } from "@/lib/invoicing";
import { previewInvoiceSchema } from "@/lib/invoicing/schemas";
import { memberAction } from "@/lib/safe-action";
import { getSmartBill } from "@/lib/smartbill/get-smartbill";

/** The issue dialog's preview: exactly what SmartBill would receive, and the series' live next number. Writes nothing. */
export const previewInvoiceAction = memberAction(
  { name: "previewInvoice", schema: previewInvoiceSchema, permission: "issueInvoices" },
  async ({ registrationId, amount, vatOverride }, ctx) =>
    previewManualInvoice({ db, sb: getSmartBill() }, ctx.orgId, { registrationId, amountBani: amount, vatOverride }),
);
