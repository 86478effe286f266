// What changed in SmartBill's VAT levels since the last Synchronize. Pure; levels match by name (the
// key SmartBill's invoice lines use), percentages compare as decimal strings.

export interface VatLevel {
  name: string;
  percentage: string;
}

export interface VatDiff {
  added: VatLevel[];
  removed: VatLevel[];
  changed: { name: string; from: string; to: string }[];
  unchanged: VatLevel[];
}

export function formatPercentage(p: number | string): string {
  const n = typeof p === "number" ? p : Number(p);
  // numeric(5,2) in the database: "21.00" and 21 are the same level.
  return (Math.round(n * 100) / 100).toFixed(2);
}

export function diffVatLevels(previous: VatLevel[], current: VatLevel[]): VatDiff {
  const before = new Map(previous.map((l) => [l.name, formatPercentage(l.percentage)]));
  const after = new Map(current.map((l) => [l.name, formatPercentage(l.percentage)]));
  const diff: VatDiff = { added: [], removed: [], changed: [], unchanged: [] };
  for (const [name, percentage] of after) {
    const old = before.get(name);
    if (old === undefined) diff.added.push({ name, percentage });
    else if (old !== percentage) diff.changed.push({ name, from: old, to: percentage });
    else diff.unchanged.push({ name, percentage });
  }
  for (const [name, percentage] of before) if (!after.has(name)) diff.removed.push({ name, percentage });
  return diff;
}

export function isEmptyDiff(d: VatDiff): boolean {
  return d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;
}
