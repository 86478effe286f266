"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { useTranslations } from "use-intl";
import { applyFieldErrors } from "@/components/apply-action-errors";
import { lazyZodResolver } from "@/components/lazy-zod-resolver";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { VatOverview } from "@/lib/billing/vat";
import { completeVatStepAction, saveVatSettingsAction } from "../../actions/vat";
import { ActionError, type ShownFailure } from "../action-error";
import { BackLink } from "../step-footer";
import { VatModeOptions } from "./vat-mode-options";
import { VatProfileDefaults } from "./vat-profile-defaults";
import { VatSyncPanel } from "./vat-sync-panel";
import type { VatStepInput, VatStepValues } from "@/lib/billing/schemas";

// In not-VAT-payer mode the profiles' levels are neither required nor sent.
const schemaResolver = lazyZodResolver(() => import("@/lib/billing/schemas").then((m) => m.vatStepSchema));
const resolver: Resolver<VatStepInput, unknown, VatStepValues> = (values, ctx, opts) =>
  schemaResolver(values.vatMode === "not_payer" ? { ...values, defaults: [] } : values, ctx, opts);

export function VatStepForm({ overview, backHref, onSaved }: { overview: VatOverview; backHref: string | null; onSaved?: () => void }) {
  const t = useTranslations("vat");
  const ts = useTranslations("setup");
  const tc = useTranslations("common");
  const router = useRouter();
  const [failure, setFailure] = useState<ShownFailure | null>(null);
  const payerProfiles = overview.profiles.filter((p) => p.vatPayer);
  const form = useForm<VatStepInput, unknown, VatStepValues>({
    resolver,
    defaultValues: {
      vatMode: overview.mode,
      // A flagged default must be chosen again, so the admin sees and confirms the change.
      defaults: payerProfiles.map((p) => ({ profileId: p.id, vatName: p.issue === null ? (p.defaultVatName ?? "") : "" })),
    },
  });
  const mode = useWatch({ control: form.control, name: "vatMode" });
  const { isSubmitting } = form.formState;

  // After a Synchronize, a default that is gone from SmartBill (or whose rate changed) is no longer a valid pick.
  const { levels, profiles } = overview;
  useEffect(() => {
    const active = new Set(levels.map((l) => l.name));
    payerProfiles.forEach((p, i) => {
      const field = `defaults.${i}.vatName` as const;
      const value = form.getValues(field);
      if (value && (!active.has(value) || (p.issue !== null && value === p.defaultVatName))) form.setValue(field, "", { shouldDirty: true });
    });
    // payerProfiles derives from `profiles`; the form is stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [levels, profiles]);

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    const res = await (onSaved ? saveVatSettingsAction : completeVatStepAction)(values);
    if (!res.ok) {
      applyFieldErrors(form.setError, res.fieldErrors, values.defaults.map((_, i) => `defaults.${i}.vatName`));
      setFailure(res);
      // The server's view (levels, profiles) may have moved on: show it.
      router.refresh();
      return;
    }
    if (onSaved) return onSaved();
    router.push(`/setup/${"next" in res.data ? (res.data.next ?? "review") : "review"}`);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-busy={isSubmitting}>
      <Card className="p-6">
        <h2 id="step-title" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
        <VatModeOptions register={form.register("vatMode")} mode={mode} companyVatPayer={overview.companyVatPayer} />
      </Card>
      <VatSyncPanel
        connected={overview.connected}
        companyVatPayer={overview.companyVatPayer}
        payerMode={mode !== "not_payer"}
        levels={overview.levels}
        lastSync={overview.lastSync}
        syncedAt={overview.syncedAt}
      />
      <VatProfileDefaults
        mode={mode}
        profiles={overview.profiles}
        levels={overview.levels}
        synced={!!overview.syncedAt}
        control={form.control}
        register={form.register}
        errors={form.formState.errors}
      />
      <div className="space-y-4">
        <ActionError error={failure} />
        <div className="flex justify-between gap-3">
          <BackLink href={backHref} label={ts("back")} />
          <Button type="submit" pending={isSubmitting}>
            {onSaved ? tc("save") : ts("continue")}
          </Button>
        </div>
      </div>
    </form>
  );
}
