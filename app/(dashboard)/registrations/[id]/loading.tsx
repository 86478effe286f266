import { SectionSkeleton } from "@/components/data-table/skeleton";
import { getT } from "@/lib/i18n";

// Shown at once when a row is opened, until the registration's page streams in.
export default async function Loading() {
  const t = await getT();
  return (
    <div className="grid grid-cols-1 gap-6 pt-10 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <SectionSkeleton label={t("common.loading")} lines={8} />
      <SectionSkeleton label={t("common.loading")} lines={4} />
    </div>
  );
}
