import { Pencil } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { db } from "@/db";
import { listCourses } from "@/db/queries/courses";
import { formatDate, formatMoney } from "@/lib/format";
import { getLocale, getT } from "@/lib/i18n";
import { baniToInput } from "@/lib/registrations/money";
import { ArchiveCourseButton } from "./archive-course-button";
import { CourseDialog } from "./course-dialog";
import type { CourseChoices } from "./course-form";

// A school has tens of courses, not thousands: one plain server-rendered table.
export async function CoursesList({ orgId, showArchived, choices }: { orgId: string; showArchived: boolean; choices: CourseChoices | null }) {
  const [t, locale, all] = await Promise.all([getT(), getLocale(), listCourses(db, orgId, { includeArchived: true })]);
  const courses = all.filter((row) => !!row.course.archivedAt === showArchived);
  if (courses.length === 0) {
    return showArchived ? (
      <p className="text-sm text-slate-600">{t("courses.noneArchived")}</p>
    ) : (
      <EmptyState title={t("courses.emptyTitle")}>
        <p>{t("courses.emptyBody")}</p>
      </EmptyState>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-sm">
        <caption className="sr-only">{t("courses.caption")}</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
          <tr className="border-b border-slate-200">
            <th scope="col" className="px-4 py-2.5 font-medium">{t("courses.columns.name")}</th>
            <th scope="col" className="px-3 py-2.5 font-medium">{t("courses.columns.term")}</th>
            <th scope="col" className="px-3 py-2.5 text-right font-medium">{t("courses.columns.price")}</th>
            <th scope="col" className="hidden px-3 py-2.5 font-medium md:table-cell">{t("courses.columns.profile")}</th>
            <th scope="col" className="hidden px-3 py-2.5 font-medium md:table-cell">{t("courses.columns.vat")}</th>
            <th scope="col" className="px-3 py-2.5 font-medium">{t("courses.columns.status")}</th>
            {choices && (
              <th scope="col" className="px-4 py-2.5 text-right font-medium">
                <span className="sr-only">{t("courses.columns.actions")}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {courses.map(({ course: c, profileName }) => (
            <tr key={c.id} className="border-b border-slate-100 last:border-0" data-testid={`course-${c.name}`}>
              <td className="px-4 py-2.5 font-medium text-slate-900">{c.name}</td>
              <td className="px-3 py-2.5 text-slate-700">
                <span className="block">{c.termName}</span>
                <span className="block whitespace-nowrap text-xs text-slate-500">
                  {formatDate(c.termStart, locale)} – {formatDate(c.termEnd, locale)}
                </span>
              </td>
              <td className="whitespace-nowrap px-3 py-2.5 text-right tabular-nums">{formatMoney(c.priceBani, locale)}</td>
              <td className="hidden px-3 py-2.5 text-slate-700 md:table-cell">{profileName ?? t("courses.fields.defaultProfile")}</td>
              <td className="hidden whitespace-nowrap px-3 py-2.5 text-slate-700 md:table-cell">{c.vatName ?? t("courses.fields.defaultVat")}</td>
              <td className="px-3 py-2.5">
                <Badge tone={c.archivedAt ? "neutral" : "success"}>{c.archivedAt ? t("courses.archived") : t("courses.active")}</Badge>
              </td>
              {choices && (
                <td className="px-4 py-2.5">
                  <div className="flex justify-end gap-1">
                    <CourseDialog
                      title={t("courses.editTitle", { name: c.name })}
                      choices={choices}
                      initial={{
                        id: c.id,
                        name: c.name,
                        price: baniToInput(c.priceBani),
                        billingProfileId: c.billingProfileId ?? "",
                        vatName: c.vatName ?? "",
                        termName: c.termName,
                        termStart: c.termStart,
                        termEnd: c.termEnd,
                      }}
                      trigger={
                        <Button type="button" size="sm" variant="ghost" aria-label={t("courses.editFor", { name: c.name })}>
                          <Pencil className="size-4" aria-hidden />
                          <span className="hidden sm:inline">{t("courses.edit")}</span>
                        </Button>
                      }
                    />
                    <ArchiveCourseButton courseId={c.id} name={c.name} archived={!!c.archivedAt} />
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
