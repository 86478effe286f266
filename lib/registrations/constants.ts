// Values shared by forms (client bundles) and the server. db/schema/registrations.ts holds the same
// ones for SQL; constants.test.ts keeps them equal without pulling drizzle into client code.

/** The largest amount Bursar accepts anywhere: 1 000 000 lei. Anything above is a typo. */
export const MAX_BANI = 100_000_000;

export const PAYMENT_STATUSES = ["not_paid", "down_payment_paid", "partially_paid", "paid", "overpaid"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_METHODS = ["cash", "card", "bank_transfer", "other"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_SOURCES = ["manual", "import", "bank"] as const;
export type PaymentSource = (typeof PAYMENT_SOURCES)[number];

export const BUYER_TYPES = ["person", "company"] as const;
export type BuyerType = (typeof BUYER_TYPES)[number];

export const REGISTRATION_STATUSES = ["active", "cancelled"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

// ── Client addresses ─────────────────────────────────────────────────────────────────────────────
export const BUCHAREST_SECTORS = ["Sector 1", "Sector 2", "Sector 3", "Sector 4", "Sector 5", "Sector 6"] as const;

const plain = (s: string | null) => (s ?? "").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();

/** București addresses need "Sector 1"…"Sector 6" as the city (SmartBill / e-Factura rule). */
export function isBucharest(city: string | null, county: string | null): boolean {
  return [city, county].some((s) => /^(municipiul )?bucuresti$/.test(plain(s)));
}

/** "sector 3" / "Sectorul 3" / "S3" → "Sector 3"; null when it is not a sector. */
export function normaliseSector(city: string | null): string | null {
  const m = /^(?:sector(?:ul)?|s)\s*([1-6])$/.exec(plain(city));
  return m ? `Sector ${m[1]}` : null;
}

// ── The registrations table ──────────────────────────────────────────────────────────────────────
export const REGISTRATION_SORTS = ["reference", "participant", "client", "course", "price", "paid", "balance", "status", "created"] as const;
export type RegistrationSort = (typeof REGISTRATION_SORTS)[number];
export const PAGE_SIZES = [10, 25, 50, 100] as const;

/** The invoice filter: what the row's badge (its latest invoice request) shows; "pending" = queued or issuing. */
export const INVOICE_FILTERS = ["none", "pending", "issued", "failed", "in_doubt"] as const;
export type InvoiceFilter = (typeof INVOICE_FILTERS)[number];
