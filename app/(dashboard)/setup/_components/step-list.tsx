import Link from "next/link";
import { Check } from "lucide-react";
import { cn } from "@/lib/utils";

export interface StepItem {
  step: string;
  label: string;
  state: "done" | "current" | "todo";
  stateLabel: string;
  reachable: boolean;
}

export function StepList({ items, label }: { items: StepItem[]; label: string }) {
  return (
    <nav aria-label={label}>
      <ol className="space-y-1">
        {items.map((item, i) => {
          const body = (
            <>
              <span
                className={cn(
                  "flex size-7 shrink-0 items-center justify-center rounded-full border text-xs font-semibold",
                  item.state === "done" && "border-emerald-600 bg-emerald-600 text-white",
                  item.state === "current" && "border-indigo-600 bg-indigo-50 text-indigo-700",
                  item.state === "todo" && "border-slate-300 text-slate-500",
                )}
                aria-hidden
              >
                {item.state === "done" ? <Check className="size-4" /> : i + 1}
              </span>
              <span className="flex-1">{item.label}</span>
              <span className="sr-only">({item.stateLabel})</span>
            </>
          );
          const cls = cn(
            "flex items-center gap-3 rounded-md px-2 py-2 text-sm",
            item.state === "current" ? "bg-white font-medium text-indigo-800 shadow-sm ring-1 ring-slate-200" : "text-slate-700",
          );
          return (
            <li key={item.step} data-testid={`step-${item.step}`} data-state={item.state}>
              {item.reachable && item.state !== "current" ? (
                <Link href={`/setup/${item.step}`} className={cn(cls, "hover:bg-slate-100")}>
                  {body}
                </Link>
              ) : (
                <div className={cls} aria-current={item.state === "current" ? "step" : undefined}>
                  {body}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
