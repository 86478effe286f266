import Link from "next/link";
import { getT } from "@/lib/i18n";

export const INBOX_PAGE_SIZE = 50;

/** "Showing 1–50 of 120" with Previous/Next links (?page=N). */
export async function Pager({ path, page, shown, total }: { path: string; page: number; shown: number; total: number }) {
  const t = await getT();
  if (total <= shown && page === 1) return null;
  const from = (page - 1) * INBOX_PAGE_SIZE + 1;
  return (
    <nav className="mt-4 flex items-center justify-between text-sm text-slate-600" aria-label={t("invoiceInbox.common.shown", { from, to: from + shown - 1, total })}>
      <span>{t("invoiceInbox.common.shown", { from: shown ? from : 0, to: from + shown - 1, total })}</span>
      <span className="flex gap-4">
        {page > 1 && (
          <Link className="text-indigo-700 hover:underline" href={`${path}?page=${page - 1}`}>
            {t("invoiceInbox.common.previous")}
          </Link>
        )}
        {from + shown - 1 < total && (
          <Link className="text-indigo-700 hover:underline" href={`${path}?page=${page + 1}`}>
            {t("invoiceInbox.common.next")}
          </Link>
        )}
      </span>
    </nav>
  );
}

/** ?page=N → a page number ≥ 1 (anything else is page 1). */
export function pageOf(raw: string | string[] | undefined): number {
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}
