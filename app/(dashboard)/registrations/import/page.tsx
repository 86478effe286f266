import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, Download } from "lucide-react";
import { Card, PageHeader } from "@/components/ui/card";
import { db } from "@/db";
import { requirePermission } from "@/lib/auth/session";
import { getLocale, getT } from "@/lib/i18n";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/registrations/import/fields";
import { listImportRuns } from "@/lib/registrations/import/import-run-view";
import { formatFileSize } from "./_components/read-csv-file";
import { ImportWizard } from "./_components/import-wizard";

export const metadata: Metadata = { title: "Import registrations" };

// Admins and staff only: an accountant is refused (403), like every page that changes registrations.
export default async function Page() {
  const member = await requirePermission("manageRegistrations");
  const t = await getT();
  const locale = await getLocale();
  const limit = t("registrationImport.how.limit", {
    size: formatFileSize(MAX_IMPORT_BYTES, locale),
    rows: new Intl.NumberFormat(locale === "ro" ? "ro-RO" : "en-GB").format(MAX_IMPORT_ROWS),
  });
  return (
    <>
      <Link href="/registrations" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-indigo-700">
        <ArrowLeft className="size-4" aria-hidden />
        {t("registrationImport.back")}
      </Link>
      <PageHeader title={t("registrationImport.title")} description={t("registrationImport.description")} />
      <div className="space-y-6">
        <Card className="space-y-3 p-5 text-sm">
          <h2 className="font-medium">{t("registrationImport.howTitle")}</h2>
          <ul className="list-disc space-y-1.5 pl-4 text-slate-700 md:grid md:grid-cols-2 md:gap-x-8 md:space-y-0 md:gap-y-1.5">
            <li>{t("registrationImport.how.courses")}</li>
            <li>{t("registrationImport.how.amounts")}</li>
            <li>{t("registrationImport.how.bucharest")}</li>
            <li>{limit}</li>
          </ul>
          <a
            href="/registrations/import/template"
            download
            className="inline-flex items-center gap-2 font-medium text-indigo-700 underline underline-offset-4 hover:text-indigo-900"
            aria-describedby="import-template-hint"
          >
            <Download className="size-4" aria-hidden />
            {t("registrationImport.template")}
          </a>
          <p id="import-template-hint" className="text-xs text-slate-500">
            {t("registrationImport.templateHint")}
          </p>
        </Card>
        <ImportWizard limitHint={limit} initialRuns={await listImportRuns(db, member.org.id)} />
      </div>
    </>
  );
}
