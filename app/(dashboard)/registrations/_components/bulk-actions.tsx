"use client";

import { useRef, useState } from "react";
import dynamic from "next/dynamic";
import { FileStack } from "lucide-react";
import { useTranslations } from "use-intl";
import type { TableSelection } from "@/components/data-table/types";
import { Button } from "@/components/ui/button";
import { useErrorText } from "@/components/use-error-text";
import type { BulkSelectionInput } from "@/lib/invoicing/schemas";
import type { RegistrationFilter } from "@/lib/registrations/schemas";
import { bulkIssueSummaryAction } from "../actions/bulk-issue";

// Loads when the bulk dialog first opens, not with the table.
const BulkIssueDialog = dynamic(() => import("../../invoices/batches/_components/bulk-issue-dialog").then((m) => m.BulkIssueDialog));

type Summary = Extract<Awaited<ReturnType<typeof bulkIssueSummaryAction>>, { ok: true }>["data"];

/**
 * The selection bar's actions: "Issue invoices" for the ticked rows, or for "all N matching" as the
 * filter itself (the server re-reads the ids from it, so rows added meanwhile are included).
 */
export function BulkActions({ selection, filter }: { selection: TableSelection; filter: RegistrationFilter }) {
  const t = useTranslations("invoiceBulk");
  const errorText = useErrorText();
  const [open, setOpen] = useState<{ selection: BulkSelectionInput } | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [summaryError, setSummaryError] = useState<string | null>(null);
  // A summary answered after its dialog was closed (and another opened) must not land in the new one.
  const latest = useRef(0);

  async function summarize(chosen: BulkSelectionInput) {
    setSummary(null);
    setSummaryError(null);
    const ticket = ++latest.current;
    const res = await bulkIssueSummaryAction({ selection: chosen });
    if (ticket !== latest.current) return;
    if (res.ok) setSummary(res.data);
    // The server refuses a filter it cannot parse (it never widens it to "no filter").
    else setSummaryError((res.code === "validation" ? t("errors.badSelection") : errorText(res)) ?? null);
  }

  async function start() {
    const chosen: BulkSelectionInput = selection.mode === "ids" ? { ids: selection.ids } : { all: filter };
    setOpen({ selection: chosen });
    await summarize(chosen);
  }

  return (
    <>
      <Button type="button" size="sm" onClick={start}>
        <FileStack className="size-4" aria-hidden />
        {t("issue")}
      </Button>
      {open && (
        <BulkIssueDialog
          selection={open.selection}
          summary={summary}
          summaryError={summaryError}
          onStale={() => summarize(open.selection)}
          onOpenChange={(o) => {
            if (o) return;
            latest.current++;
            setOpen(null);
          }}
        />
      )}
    </>
  );
}
