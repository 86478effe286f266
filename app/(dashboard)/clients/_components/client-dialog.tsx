"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import type { ClientInput } from "@/lib/registrations/schemas";
import { ClientForm } from "./client-form";

/** New or edit client; after saving, either hands the client to the caller or refreshes the page. */
export function ClientDialog(props: { trigger: React.ReactNode; title: string; initial: ClientInput; onSaved?: (saved: { id: string; name: string }) => void }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{props.trigger}</DialogTrigger>
      <DialogContent title={props.title} className="max-h-[calc(100dvh-2rem)] max-w-2xl overflow-y-auto">
        <ClientForm
          initial={props.initial}
          onSaved={(saved) => {
            setOpen(false);
            if (props.onSaved) props.onSaved(saved);
            else router.refresh();
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
