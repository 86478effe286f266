"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ExternalLink } from "lucide-react";
import { useTranslations } from "use-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { finishSetupAction, issueTestDraftAction } from "../actions/review";
import { ActionError, type ShownFailure } from "./action-error";

interface Last {
  series: string;
  documentUrl: string | null;
  at: string;
  request: string;
}

export function TestDraftPanel({ last }: { last: Last | null }) {
  const t = useTranslations("setup.review");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<ShownFailure | null>(null);
  const send = () =>
    start(async () => {
      setFailure(null);
      const res = await issueTestDraftAction({});
      if (!res.ok) setFailure(res);
      router.refresh();
    });
  return (
    <Card className="p-6">
      <h3 className="font-semibold">{t("testTitle")}</h3>
      <p className="mt-1 text-sm text-slate-600">{t("testBody")}</p>
      <div className="mt-4 space-y-3" aria-live="polite">
        <ActionError error={failure} />
        {last && !failure && !pending && (
          <Alert tone="success" title={t("testAt", { date: last.at })}>
            <p>{t("testOk", { series: last.series })}</p>
            {last.documentUrl && (
              <a href={last.documentUrl} target="_blank" rel="noreferrer" className="mt-1 inline-flex items-center gap-1 font-medium underline">
                {t("testOpen")} <ExternalLink className="size-3" aria-hidden />
              </a>
            )}
          </Alert>
        )}
        {last && (
          <details className="rounded-md border border-slate-200 text-sm">
            <summary className="cursor-pointer px-3 py-2 font-medium">{t("testRequest")}</summary>
            <pre className="max-h-72 overflow-auto bg-slate-50 p-3 text-xs">{last.request}</pre>
          </details>
        )}
        <Button variant={last ? "secondary" : "primary"} onClick={send} pending={pending}>
          {pending ? t("testSending") : t("testButton")}
        </Button>
      </div>
    </Card>
  );
}

export function FinishButton({ hasTestDraft, finished }: { hasTestDraft: boolean; finished: boolean }) {
  const t = useTranslations("setup.review");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<string | ShownFailure | null>(null);
  const finish = () =>
    start(async () => {
      setFailure(null);
      const res = await finishSetupAction({});
      if (!res.ok) return setFailure(res);
      router.push("/settings/billing?setup=done");
    });
  return (
    <div className="flex flex-col items-end gap-2">
      {failure && <ActionError error={failure} />}
      {!hasTestDraft && !finished && <p className="text-sm text-amber-800">{t("finishNeedsTest")}</p>}
      <Button onClick={finish} pending={pending}>
        {t("finish")}
      </Button>
    </div>
  );
}
