// The bulk issue actions' inputs, shared by the confirm dialog and the actions. A selection is the rows
// ticked on the page, or "all N matching" as the filter itself: the server re-reads those ids.
import { z } from "zod";
import { registrationFilterSchema } from "@/lib/registrations/schemas";

/** Ticked rows come from one page of the table (at most 100), so 1,000 is generous. */
export const MAX_SELECTED_IDS = 1_000;

export const bulkSelectionSchema = z.union([
  z.strictObject({ ids: z.array(z.uuid()).min(1).max(MAX_SELECTED_IDS) }),
  z.strictObject({ all: registrationFilterSchema }),
]);
export type BulkSelectionInput = z.input<typeof bulkSelectionSchema>;

export const bulkIssueSummarySchema = z.object({ selection: bulkSelectionSchema });
export const startBulkIssueSchema = z.object({
  /** Made once per confirm dialog: a double-clicked Confirm makes one batch. */
  clientBatchId: z.uuid(),
  selection: bulkSelectionSchema,
});
export const cancelBulkIssueSchema = z.object({ batchId: z.uuid() });
