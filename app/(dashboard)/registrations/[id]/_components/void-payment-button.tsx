"use client";

import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { lazyZodResolver } from "@/components/lazy-zod-resolver";
import { voidPaymentAction } from "../../actions/void-payment";
import { ReasonDialog } from "./reason-dialog";

const resolver = lazyZodResolver(() => import("@/lib/registrations/schemas").then((m) => m.voidPaymentSchema));

export function VoidPaymentButton({ paymentId, amount, date }: { paymentId: string; amount: string; date: string }) {
  const t = useTranslations("registrations.detail");
  return (
    <ReasonDialog
      trigger={
        <Button type="button" size="sm" variant="ghost" className="text-red-700" aria-label={t("voidFor", { amount, date })}>
          {t("void")}
        </Button>
      }
      title={t("voidTitle", { amount })}
      body={t("voidBody")}
      reasonLabel={t("voidReason")}
      confirmLabel={t("voidConfirm")}
      resolver={resolver}
      base={{ paymentId }}
      run={(input) => voidPaymentAction({ paymentId, reason: input.reason })}
    />
  );
}
