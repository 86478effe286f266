"use client";

import { useId, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useErrorText } from "@/components/use-error-text";
import { MAX_IMPORT_BYTES, REQUIRED_FIELDS, type ColumnMapping } from "@/lib/registrations/import/fields";
import type { ImportRunView } from "@/lib/registrations/import/import-run-view";
import { previewImportAction } from "../../actions/import-registrations";
import { ColumnMappingForm } from "./column-mapping";
import { CommitImport } from "./commit-import";
import { DryRunTable } from "./dry-run-table";
import { FileDrop } from "./file-drop";
import { IMPORT_RUNS_KEY, ImportRuns } from "./import-runs";
import { formatFileSize, readCsvFile } from "./read-csv-file";
import type { ChosenFile, ImportCounts, Preview } from "./types";

// Choose a file → match its columns → dry run → commit. The file is read in the browser and sent whole
// with each dry run and the commit; the commit queues a background import, which checks every row again
// and whose progress and result the list of imports below shows (also after a reload).
export function ImportWizard({ limitHint, initialRuns }: { limitHint: string; initialRuns: ImportRunView[] }) {
  const t = useTranslations("registrationImport");
  const locale = useLocale();
  const errorText = useErrorText();
  const hintId = useId();
  const resultsRef = useRef<HTMLHeadingElement>(null);
  const [busy, setBusy] = useState<null | "reading" | "dryRun">(null);
  const [reading, setReading] = useState("");
  const [file, setFile] = useState<(ChosenFile & { rows: number; headers: string[] }) | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [preview, setPreview] = useState<Preview | null>(null);
  /** The text of what went wrong, shown in the step it happened in. */
  const [failure, setFailure] = useState<string | null>(null);
  const [missing, setMissing] = useState<typeof REQUIRED_FIELDS>([]);
  const [queued, setQueued] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const queryClient = useQueryClient();

  function reset() {
    setFile(null);
    setPreview(null);
    setFailure(null);
    setMissing([]);
    setQueued(null);
  }

  function onQueued() {
    const name = file?.name ?? "";
    reset();
    setQueued(name);
    setAnnouncement(t("commit.queued", { name }));
    void queryClient.invalidateQueries({ queryKey: IMPORT_RUNS_KEY });
  }

  async function choose(chosen: File) {
    reset();
    setBusy("reading");
    setReading(chosen.name);
    setAnnouncement(t("file.reading", { name: chosen.name }));
    try {
      const read = await readCsvFile(chosen);
      if (!read.ok) {
        setFailure(read.error === "tooLarge" ? t("file.tooLarge", { size: formatFileSize(read.bytes, locale), limit: formatFileSize(MAX_IMPORT_BYTES, locale) }) : t(`file.${read.error}`));
        return;
      }
      // Without a mapping the server answers with the file's headers and the remembered (or guessed) one.
      const res = await previewImportAction({ csv: read.csv });
      if (!res.ok) return setFailure(errorText(res) ?? null);
      setFile({ ...read, rows: res.data.rows.length, headers: res.data.headers });
      setMapping(res.data.mapping);
      setAnnouncement(t("file.chosen", { name: read.name, rows: res.data.rows.length, columns: res.data.headers.length }));
    } finally {
      setBusy(null);
    }
  }

  async function dryRun() {
    if (!file) return;
    const unmapped = REQUIRED_FIELDS.filter((f) => !mapping[f]);
    setMissing(unmapped);
    setFailure(null);
    if (unmapped.length) return setFailure(t("mapping.missingRequired", { fields: unmapped.map((f) => t(`fields.${f}`)).join(", ") }));
    setBusy("dryRun");
    setAnnouncement(t("dryRun.running"));
    try {
      const res = await previewImportAction({ csv: file.csv, mapping });
      if (!res.ok) return setFailure(errorText(res) ?? null);
      setPreview(res.data);
      setAnnouncement(summaryOf(res.data.counts));
      requestAnimationFrame(() => resultsRef.current?.focus());
    } finally {
      setBusy(null);
    }
  }

  const summaryOf = (c: ImportCounts) =>
    t("dryRun.summary", { clients: c.newClients, registrations: c.create, payments: c.payments, unchanged: c.exists, errors: c.error });

  return (
    <div className="space-y-6">
      <p className="sr-only" aria-live="polite" role="status">
        {announcement}
      </p>
      <Card className="space-y-3 p-5 sm:p-6" aria-busy={busy === "reading"}>
        <h2 className="text-lg font-medium">{t("file.step")}</h2>
        <FileDrop onFile={choose} disabled={busy !== null} hintId={hintId} compact={!!file} />
        <p id={hintId} className="text-xs text-slate-500">
          {limitHint}
        </p>
        {busy === "reading" && <p className="text-sm text-slate-600">{t("file.reading", { name: reading })}</p>}
        {file && (
          <p className="text-sm font-medium text-slate-800" data-testid="chosen-file">
            {t("file.chosen", { name: file.name, rows: file.rows, columns: file.headers.length })}
          </p>
        )}
        {file && file.rows === 0 && <Alert tone="warning">{t("file.noRows")}</Alert>}
        {failure && !file && <Alert tone="error">{failure}</Alert>}
        {queued !== null && !file && (
          <Alert tone="success">
            <p data-testid="import-queued">{t("commit.queued", { name: queued })}</p>
          </Alert>
        )}
      </Card>

      {file && file.rows > 0 && (
        <Card className="space-y-4 p-5 sm:p-6">
          <div>
            <h2 className="text-lg font-medium">{t("mapping.step")}</h2>
            <p className="mt-1 text-sm text-slate-600">{t("mapping.hint")}</p>
          </div>
          <ColumnMappingForm
            headers={file.headers}
            mapping={mapping}
            missing={missing}
            disabled={busy !== null}
            onChange={(next) => {
              setMapping(next);
              // A dry run answers for one mapping only.
              setPreview(null);
              setMissing((m) => m.filter((f) => !next[f]));
            }}
          />
          {failure && <Alert tone="error">{failure}</Alert>}
          <Button type="button" onClick={dryRun} pending={busy === "dryRun"}>
            {busy === "dryRun" ? t("dryRun.running") : preview ? t("dryRun.again") : t("dryRun.submit")}
          </Button>
        </Card>
      )}

      {file && preview && (
        <Card className="space-y-4 p-5 sm:p-6">
          <h2 ref={resultsRef} tabIndex={-1} className="text-lg font-medium focus:outline-none">
            {t("dryRun.step")}
          </h2>
          <p className="text-sm font-medium" data-testid="dry-run-summary">
            {summaryOf(preview.counts)}
          </p>
          {preview.counts.error > 0 && <Alert tone="error">{t("dryRun.hasErrors", { count: preview.counts.error })}</Alert>}
          {preview.counts.error === 0 && preview.counts.create === 0 && <Alert tone="info">{t("dryRun.nothingNew")}</Alert>}
          <DryRunTable rows={preview.rows} errorCount={preview.counts.error} />
          <CommitImport file={file} mapping={mapping} counts={preview.counts} onQueued={onQueued} />
        </Card>
      )}

      <ImportRuns initial={initialRuns} />
    </div>
  );
}
