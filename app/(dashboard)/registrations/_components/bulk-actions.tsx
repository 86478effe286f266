"use client";

import type { TableSelection } from "@/components/data-table/types";
import type { RegistrationFilter } from "@/lib/registrations/schemas";

/**
 * The selection bar's actions. Empty until invoicing arrives (issue 10 adds "Issue invoices" here):
 * `selection` is either explicit ids or "all N matching", and `filter` is the filter that "all" means
 * (listRegistrationIdsAction re-reads the ids from it on the server).
 */
export function BulkActions(_props: { selection: TableSelection; filter: RegistrationFilter }) {
  return null;
}
