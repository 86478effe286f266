export interface SeriesOption {
  name: string;
  nextNumber: number;
}

export interface SeriesProfile {
  id: string;
  companyName: string;
  cif: string;
  isDefault: boolean;
  seriesName: string | null;
}

/** SmartBill's answer as the page got it; `fetchedAt` is already formatted for display. */
export type SeriesListingView =
  | { ok: true; series: SeriesOption[]; fetchedAt: string }
  | { ok: false; error: string; detail: string | null; fetchedAt: string };
