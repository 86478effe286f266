"use server";

import { z } from "zod";
import { db } from "@/db";
import { enqueueImport } from "@/lib/jobs/enqueue";
import { IMPORT_FIELDS, MAX_IMPORT_BYTES } from "@/lib/registrations/import/fields";
import { previewImport } from "@/lib/registrations/import/import-registrations";
import { queueImport } from "@/lib/registrations/import/import-runs";
import { memberAction } from "@/lib/safe-action";

// In characters, which a file of MAX_IMPORT_BYTES never exceeds (UTF-8 takes at least a byte each).
const csvField = z.string().min(1, "required").max(MAX_IMPORT_BYTES, "tooLong");
const mappingField = z.partialRecord(z.enum(IMPORT_FIELDS), z.string().max(200));
// Shown in the list of imports: no control characters or direction overrides.
const fileNameField = z
  .string()
  .trim()
  .max(200, "tooLong")
  .refine((s) => !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]/.test(s), "registrationErrors.validation.unsafeText")
  .optional();

/** The dry run: what each row would create and every error with its line. Changes nothing. */
export const previewImportAction = memberAction(
  { name: "previewImport", schema: z.object({ csv: csvField, mapping: mappingField.optional() }), permission: "manageRegistrations" },
  async ({ csv, mapping }, ctx) => {
    const preview = await previewImport(db, ctx.orgId, csv, mapping);
    // The screen shows each row's outcome; what a commit would write stays on the server.
    return { ...preview, rows: preview.rows.map(({ create: _create, ...row }) => row) };
  },
);

/** Queues the commit and returns at once: a background job imports it (the screen shows its progress). */
export const commitImportAction = memberAction(
  { name: "commitImport", schema: z.object({ csv: csvField, mapping: mappingField, fileName: fileNameField }), permission: "manageRegistrations" },
  async ({ csv, mapping, fileName }, ctx) => {
    const run = await queueImport(db, { orgId: ctx.orgId, actorUserId: ctx.user.id, fileName: fileName || "import.csv", csvText: csv, mapping });
    await enqueueImport(ctx.orgId);
    return { runId: run.id };
  },
);
