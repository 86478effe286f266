"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { useErrorText } from "@/components/use-error-text";
import { formatDateTime } from "@/lib/format";
import type { ImportRunView } from "@/lib/registrations/import/import-run-view";

const ROWS_IN_ERROR = "registrationErrors.import.hasErrors";

const POLL_MS = 1_000;
export const IMPORT_RUNS_KEY = ["import-runs"] as const;

async function fetchRuns(): Promise<ImportRunView[]> {
  const res = await fetch("/registrations/import/runs", { cache: "no-store" });
  if (!res.ok) throw new Error(`import runs poll: ${res.status}`);
  return ((await res.json()) as { runs: ImportRunView[] }).runs;
}

const TONE = { queued: "neutral", running: "info", done: "success", failed: "danger" } as const;

/** The school's imports: waiting (with their place in the queue), running (with progress), finished. */
export function ImportRuns({ initial }: { initial: ImportRunView[] }) {
  const t = useTranslations("registrationImport.runs");
  const query = useQuery({
    queryKey: IMPORT_RUNS_KEY,
    queryFn: fetchRuns,
    initialData: initial,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === "queued" || r.status === "running") ? POLL_MS : false),
  });
  const runs = query.data;
  if (!runs.length) return null;
  return (
    <Card className="space-y-4 p-5 sm:p-6" data-testid="import-runs">
      <div>
        <h2 className="text-lg font-medium">{t("title")}</h2>
        <p className="mt-1 text-sm text-slate-600">{t("hint")}</p>
      </div>
      {query.isError && <Alert tone="warning">{t("stale")}</Alert>}
      <ul className="space-y-3">
        {runs.map((run) => (
          <RunItem key={run.id} run={run} />
        ))}
      </ul>
    </Card>
  );
}

function RunItem({ run }: { run: ImportRunView }) {
  const t = useTranslations("registrationImport");
  const locale = useLocale();
  const errorText = useErrorText();
  const total = run.plan?.create ?? 0;
  const done = run.created.registrations;
  const fieldLabel = (field: string) => (t.has(`fields.${field}` as never) ? t(`fields.${field}` as never) : t("fields.row"));
  return (
    <li className="space-y-2 rounded-lg border border-slate-200 p-4" data-testid="import-run" data-status={run.status} aria-label={run.fileName}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-700">{t("runs.file", { name: run.fileName, at: formatDateTime(run.createdAt, locale) })}</p>
        <Badge tone={TONE[run.status]}>{t(`runs.status.${run.status}`)}</Badge>
      </div>
      {/* Read out as it changes: waiting → importing (counts) → the result. */}
      <div aria-live="polite" className="space-y-2 text-sm">
        {run.status === "queued" && <p data-testid="import-run-state">{t("runs.waiting", { ahead: run.ahead ?? 0 })}</p>}
        {run.status === "running" && !run.plan && <p data-testid="import-run-state">{t("runs.checking")}</p>}
        {run.status === "running" && run.plan && (
          <>
            <div
              role="progressbar"
              aria-label={t("runs.progressLabel")}
              aria-valuemin={0}
              aria-valuemax={total}
              aria-valuenow={done}
              aria-valuetext={t("runs.progress", { done, total })}
              className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
            >
              <div className="h-full rounded-full bg-indigo-500 transition-[width] duration-500" style={{ width: `${total ? Math.round((done / total) * 100) : 100}%` }} />
            </div>
            <p data-testid="import-run-state">{t("runs.progress", { done, total })}</p>
          </>
        )}
        {run.status === "done" && (
          <Alert tone="success">
            <p data-testid="import-run-state">
              {t("runs.done", { clients: run.created.clients, registrations: run.created.registrations, payments: run.created.payments, unchanged: run.plan?.exists ?? 0 })}
            </p>
            <Link href="/registrations" className="font-medium underline underline-offset-4">
              {t("commit.toTable")}
            </Link>
          </Alert>
        )}
        {run.status === "failed" && (
          <Alert tone="error">
            <p data-testid="import-run-state">{t("runs.failed", { reason: errorText(run.error) ?? "" })}</p>
            {/* The rows-in-error reason already says nothing was imported. */}
            {run.created.registrations ? (
              <p>{t("runs.partial", { count: run.created.registrations })}</p>
            ) : run.error !== ROWS_IN_ERROR ? (
              <p>{t("runs.nothingWritten")}</p>
            ) : null}
          </Alert>
        )}
      </div>
      {run.rowErrors.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium">{t("runs.rowErrorsTitle")}</summary>
          <ul className="mt-2 list-disc space-y-0.5 pl-5 text-red-800">
            {run.rowErrors.map((e) => (
              <li key={`${e.line}:${e.field}:${e.message}`}>{t("runs.rowError", { line: e.line, field: fieldLabel(e.field), message: errorText(e.message) ?? "" })}</li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
