"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { skipBankAction } from "../actions/bank";

export function SkipBankButton({ label }: { label: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      pending={pending}
      onClick={() =>
        start(async () => {
          const res = await skipBankAction({});
          if (res.ok) router.push(`/setup/${res.data.next ?? "review"}`);
        })
      }
    >
      {label}
    </Button>
  );
}
