import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import type { SearchParams } from "nuqs/server";
import { Plus, Upload } from "lucide-react";
import { DataTableSkeleton } from "@/components/data-table/skeleton";
import { TableTransitionProvider } from "@/components/data-table/table-transition";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getT } from "@/lib/i18n";
import { RunningBatchesBanner } from "../invoices/batches/_components/running-batches-banner";
import { RegistrationsSection } from "./_components/registrations-section";
import { registrationsSearchParams } from "./search-params";

export const metadata: Metadata = { title: "Registrations" };

// Everyone in the school sees the table; only admins and staff get controls that change anything.
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const member = await requireUser();
  const t = await getT();
  const url = await registrationsSearchParams.parse(searchParams);
  const canManage = can(member.role, "manageRegistrations");
  return (
    <TableTransitionProvider>
      <PageHeader
        title={t("registrations.title")}
        description={t("registrations.description")}
        actions={
          canManage && (
            <div className="flex flex-wrap gap-2">
              <Button asChild variant="secondary">
                <Link href="/registrations/import">
                  <Upload className="size-4" aria-hidden />
                  {t("registrationImport.link")}
                </Link>
              </Button>
              <Button asChild>
                <Link href="/registrations/new">
                  <Plus className="size-4" aria-hidden />
                  {t("registrations.new")}
                </Link>
              </Button>
            </div>
          )
        }
      />
      {!canManage && (
        <Alert tone="info" className="mb-4">
          {t("registrations.readOnly")}
        </Alert>
      )}
      <RunningBatchesBanner orgId={member.org.id} />
      <Suspense fallback={<DataTableSkeleton columns={10} label={t("registrations.loading")} />}>
        <RegistrationsSection orgId={member.org.id} url={url} canManage={canManage} canIssue={can(member.role, "issueInvoices")} />
      </Suspense>
    </TableTransitionProvider>
  );
}
