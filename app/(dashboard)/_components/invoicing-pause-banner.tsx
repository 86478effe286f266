import { Alert } from "@/components/ui/alert";
import type { InvoicingPause } from "@/db/schema";
import { getT } from "@/lib/i18n";
import { LazyResumeIssuingButton } from "./lazy-resume-issuing-button";

/** Package exhausted: issuing is paused for the school until an admin resumes (lib/invoicing/pause.ts). */
export async function InvoicingPauseBanner({ pause, waiting, canResume }: { pause: InvoicingPause; waiting: number; canResume: boolean }) {
  const t = await getT();
  return (
    <div className="border-b border-amber-200 bg-amber-50 px-4 py-3 md:px-8" data-testid="invoicing-paused">
      <Alert tone="warning" title={t("invoiceInbox.pause.title", { count: waiting })} className="border-0 bg-transparent p-0">
        {pause.detail && <p>{t("invoiceInbox.common.smartbillSaid", { text: pause.detail })}</p>}
        <p>{canResume ? t("invoiceInbox.pause.hint") : t("invoiceInbox.pause.askAdmin")}</p>
        {canResume && (
          <div className="pt-2">
            <LazyResumeIssuingButton />
          </div>
        )}
      </Alert>
    </div>
  );
}
