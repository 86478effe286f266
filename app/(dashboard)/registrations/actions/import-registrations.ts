"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db";
import { IMPORT_FIELDS, MAX_IMPORT_BYTES } from "@/lib/registrations/import/fields";
import { wakeQueuedInvoices } from "@/lib/jobs/enqueue";
import { commitImport, previewImport } from "@/lib/registrations/import/import-registrations";
import { memberAction } from "@/lib/safe-action";
import { invoicingTriggers } from "@/lib/invoicing";

// In characters, which a file of MAX_IMPORT_BYTES never exceeds (UTF-8 takes at least a byte each).
const csvField = z.string().min(1, "required").max(MAX_IMPORT_BYTES, "tooLong");
const mappingField = z.partialRecord(z.enum(IMPORT_FIELDS), z.string().max(200));

/** The dry run: what each row would create and every error with its line. Changes nothing. */
export const previewImportAction = memberAction(
  { name: "previewImport", schema: z.object({ csv: csvField, mapping: mappingField.optional() }), permission: "manageRegistrations" },
  async ({ csv, mapping }, ctx) => {
    const preview = await previewImport(db, ctx.orgId, csv, mapping);
    // The screen shows each row's outcome; what a commit would write stays on the server.
    return { ...preview, rows: preview.rows.map(({ create: _create, ...row }) => row) };
  },
);

/** Commits the import in one transaction (and remembers the mapping for this header row). */
export const commitImportAction = memberAction(
  { name: "commitImport", schema: z.object({ csv: csvField, mapping: mappingField }), permission: "manageRegistrations" },
  async ({ csv, mapping }, ctx) => {
    const counts = await commitImport(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, csvText: csv, mapping }, invoicingTriggers);
    await wakeQueuedInvoices(db, ctx.orgId);
    revalidatePath("/registrations");
    revalidatePath("/clients");
    return counts;
  },
);
