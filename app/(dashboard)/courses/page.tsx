import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { Plus } from "lucide-react";
import { SectionSkeleton } from "@/components/data-table/skeleton";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { db } from "@/db";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listProfiles } from "@/lib/billing/profiles";
import { listActiveVatLevels } from "@/lib/billing/vat";
import { getT } from "@/lib/i18n";
import { CourseDialog } from "./_components/course-dialog";
import { CoursesList } from "./_components/courses-list";

export const metadata: Metadata = { title: "Courses" };

const EMPTY_COURSE = { name: "", price: "", billingProfileId: "", vatName: "", termName: "", termStart: "", termEnd: "" };

export default async function Page({ searchParams }: { searchParams: Promise<{ archived?: string }> }) {
  const member = await requireUser();
  const t = await getT();
  const showArchived = (await searchParams).archived === "1";
  const canManage = can(member.role, "manageRegistrations");
  const choices = canManage ? await loadChoices(member.org.id) : null;
  return (
    <>
      <PageHeader
        title={t("courses.title")}
        description={t("courses.description")}
        actions={
          choices && (
            <CourseDialog
              title={t("courses.newTitle")}
              initial={EMPTY_COURSE}
              choices={choices}
              trigger={
                <Button>
                  <Plus className="size-4" aria-hidden />
                  {t("courses.new")}
                </Button>
              }
            />
          )
        }
      />
      {!canManage && (
        <Alert tone="info" className="mb-4">
          {t("courses.readOnly")}
        </Alert>
      )}
      <p className="mb-3 text-sm">
        <Link href={showArchived ? "/courses" : "/courses?archived=1"} className="text-indigo-700 hover:underline" aria-pressed={showArchived} role="button">
          {showArchived ? t("courses.showActive") : t("courses.showArchived")}
        </Link>
      </p>
      <Suspense fallback={<SectionSkeleton label={t("common.loading")} lines={6} />}>
        <CoursesList orgId={member.org.id} showArchived={showArchived} choices={choices} />
      </Suspense>
    </>
  );
}

async function loadChoices(orgId: string) {
  const [profiles, vatLevels] = await Promise.all([listProfiles(db, orgId), listActiveVatLevels(db, orgId)]);
  return { profiles: profiles.map((p) => ({ id: p.id, name: p.companyName })), vatLevels: vatLevels.map((v) => ({ name: v.name, percentage: String(v.percentage) })) };
}
