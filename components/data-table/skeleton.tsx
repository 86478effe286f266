import { cn } from "@/lib/utils";

// Server-renderable (no hooks): the Suspense fallback while a table's first page loads.
export function DataTableSkeleton({ columns, rows = 10, label, withToolbar = true }: { columns: number; rows?: number; label: string; withToolbar?: boolean }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className="space-y-3">
      <span className="sr-only">{label}</span>
      {withToolbar && (
        <div className="flex flex-wrap gap-2" aria-hidden>
          <div className="h-10 w-64 animate-pulse rounded-md bg-slate-200" />
          <div className="h-10 w-40 animate-pulse rounded-md bg-slate-200" />
          <div className="h-10 w-32 animate-pulse rounded-md bg-slate-200" />
        </div>
      )}
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white" aria-hidden>
        <div className="flex gap-4 border-b border-slate-200 bg-slate-50 px-4 py-3">
          {Array.from({ length: columns }, (_, i) => (
            <div key={i} className="h-4 flex-1 animate-pulse rounded bg-slate-200" />
          ))}
        </div>
        {Array.from({ length: rows }, (_, r) => (
          <div key={r} className="flex gap-4 border-b border-slate-100 px-4 py-3.5 last:border-0">
            {Array.from({ length: columns }, (_, i) => (
              <div key={i} className={cn("h-4 flex-1 animate-pulse rounded bg-slate-100", i === 0 && "max-w-24")} />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

/** A few grey lines for a card or a detail section. */
export function SectionSkeleton({ lines = 4, label }: { lines?: number; label: string }) {
  return (
    <div role="status" aria-busy="true" className="space-y-3 rounded-lg border border-slate-200 bg-white p-6">
      <span className="sr-only">{label}</span>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} aria-hidden className="h-4 animate-pulse rounded bg-slate-100" style={{ width: `${90 - i * 12}%` }} />
      ))}
    </div>
  );
}
