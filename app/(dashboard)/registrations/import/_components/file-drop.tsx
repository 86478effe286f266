"use client";

import { useId, useState } from "react";
import { useTranslations } from "use-intl";
import { FileUp } from "lucide-react";
import { cn } from "@/lib/utils";

/** Drag and drop, or a file input that keyboards and screen readers reach like any other control. */
export function FileDrop({ onFile, disabled, hintId, compact }: { onFile: (file: File) => void; disabled?: boolean; hintId: string; compact?: boolean }) {
  const t = useTranslations("registrationImport.file");
  const id = useId();
  const [over, setOver] = useState(false);
  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (file && !disabled) onFile(file);
      }}
      data-testid="import-dropzone"
      className={cn(
        "flex flex-col items-center gap-2 rounded-lg border-2 border-dashed px-4 text-center text-sm text-slate-600 transition-colors",
        compact ? "py-4 sm:flex-row sm:justify-center" : "py-10",
        over ? "border-indigo-500 bg-indigo-50" : "border-slate-300 bg-slate-50",
      )}
    >
      <FileUp className="size-6 text-slate-400" aria-hidden />
      <p>
        {compact ? null : <>{t("drop")} </>}
        <input
          id={id}
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          className="peer sr-only"
          disabled={disabled}
          aria-describedby={hintId}
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Cleared so choosing the same (corrected) file again is seen as a new choice.
            e.target.value = "";
            if (file) onFile(file);
          }}
        />
        <label
          htmlFor={id}
          className="cursor-pointer font-medium text-indigo-700 underline underline-offset-4 peer-focus-visible:rounded peer-focus-visible:outline-none peer-focus-visible:ring-2 peer-focus-visible:ring-indigo-500 peer-disabled:cursor-not-allowed peer-disabled:opacity-50"
        >
          {compact ? t("another") : t("choose")}
        </label>
      </p>
    </div>
  );
}
