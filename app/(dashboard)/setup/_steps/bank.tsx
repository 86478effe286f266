import { Landmark } from "lucide-react";
import { Card } from "@/components/ui/card";
import { getT } from "@/lib/i18n";
import { SkipBankButton } from "../_components/skip-bank-button";
import { BackLink } from "../_components/step-footer";
import type { StepProps } from "./types";

export async function BankStep({ backHref }: StepProps) {
  const t = await getT();
  return (
    <Card className="p-6">
      <div className="flex items-start gap-4">
        <Landmark className="size-8 shrink-0 text-slate-400" aria-hidden />
        <div>
          <h2 id="step-title" className="text-lg font-semibold">
            {t("setup.bank.title")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("setup.bank.body")}</p>
          <p className="mt-3 text-sm text-slate-600">{t("setup.bank.later")}</p>
        </div>
      </div>
      <div className="mt-6 flex justify-between gap-3">
        <BackLink href={backHref} label={t("setup.back")} />
        <SkipBankButton label={t("setup.skip")} />
      </div>
    </Card>
  );
}
