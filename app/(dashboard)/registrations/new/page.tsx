import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { db } from "@/db";
import { getClient } from "@/db/queries/clients";
import { listCourseOptions } from "@/db/queries/courses";
import { requirePermission } from "@/lib/auth/session";
import { getT } from "@/lib/i18n";
import { RegistrationForm } from "../_components/registration-form";

export const metadata: Metadata = { title: "New registration" };

export default async function Page({ searchParams }: { searchParams: Promise<{ client?: string }> }) {
  const member = await requirePermission("manageRegistrations");
  const t = await getT();
  const clientId = (await searchParams).client;
  const [courses, client] = await Promise.all([
    listCourseOptions(db, member.org.id),
    clientId && /^[0-9a-f-]{36}$/i.test(clientId) ? getClient(db, member.org.id, clientId) : null,
  ]);
  return (
    <>
      <Link href="/registrations" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-indigo-700">
        <ArrowLeft className="size-4" aria-hidden />
        {t("registrations.detail.back")}
      </Link>
      <PageHeader title={t("registrations.form.newTitle")} description={t("registrations.form.newDescription")} />
      <Card className="max-w-2xl p-5 sm:p-6">
        {courses.length === 0 ? (
          <Alert tone="warning">
            <Link href="/courses" className="underline">
              {t("registrations.form.noCourses")}
            </Link>
          </Alert>
        ) : (
          <RegistrationForm
            courses={courses}
            initialClient={client ? { id: client.id, name: client.name } : null}
            initial={{ clientId: client?.id ?? "", courseId: "", participantName: "", price: "", downPayment: "" }}
          />
        )}
      </Card>
    </>
  );
}
