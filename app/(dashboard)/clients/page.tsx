import type { Metadata } from "next";
import { Suspense } from "react";
import type { SearchParams } from "nuqs/server";
import { Plus } from "lucide-react";
import { DataTableSkeleton } from "@/components/data-table/skeleton";
import { TableTransitionProvider } from "@/components/data-table/table-transition";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { db } from "@/db";
import { listClients } from "@/db/queries/clients";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getT } from "@/lib/i18n";
import { ClientDialog } from "./_components/client-dialog";
import { EMPTY_CLIENT } from "./_components/empty-client";
import { ClientsTable } from "./_components/clients-table";
import { clientsSearchParams, type ClientsUrlState } from "./search-params";

export const metadata: Metadata = { title: "Clients" };

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const member = await requireUser();
  const t = await getT();
  const url = await clientsSearchParams.parse(searchParams);
  const canManage = can(member.role, "manageRegistrations");
  return (
    <TableTransitionProvider>
      <PageHeader
        title={t("clients.title")}
        description={t("clients.description")}
        actions={
          canManage && (
            <ClientDialog
              title={t("clients.newTitle")}
              initial={EMPTY_CLIENT}
              trigger={
                <Button>
                  <Plus className="size-4" aria-hidden />
                  {t("clients.new")}
                </Button>
              }
            />
          )
        }
      />
      {!canManage && (
        <Alert tone="info" className="mb-4">
          {t("clients.readOnly")}
        </Alert>
      )}
      <Suspense fallback={<DataTableSkeleton columns={5} label={t("common.loading")} withToolbar={false} />}>
        <ClientsSection orgId={member.org.id} url={url} />
      </Suspense>
    </TableTransitionProvider>
  );
}

async function ClientsSection({ orgId, url }: { orgId: string; url: ClientsUrlState }) {
  const q = url.q.trim().slice(0, 100);
  const page = await listClients(db, orgId, { q, page: url.page, pageSize: url.size });
  const rows = page.rows.map((c) => ({ id: c.id, name: c.name, buyerType: c.buyerType, companyName: c.companyName, email: c.email, phone: c.phone, city: c.city }));
  return <ClientsTable rows={rows} total={page.total} pageCount={page.pageCount} q={q} />;
}
