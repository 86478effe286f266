import "server-only";
import type { Database, Executor } from "@/db";
import type { InvoiceRequestStatus } from "@/db/schema";
import { getActiveVatLevel, listActiveVatLevels } from "@/db/queries/vat-levels";
import { AppError } from "@/lib/errors";
import type { InvoicingDeps } from "../deps";
import type { VatLevelChoice } from "../documents/issuer";
import { previewInvoice } from "../views/preview";
import { createManualRequest } from "./manual";
import { manualKey } from "./keys";
import { getSeries, padNumber } from "../engine/series";

// The manual issue dialog's two use-cases: a preview shaped for the screen (plain, serialisable, in bani)
// and the confirm. The VAT override arrives as a level's name and is resolved here against the levels
// synchronised from SmartBill, so no caller can invent a percentage.

export interface PreviewBuyer {
  kind: "company" | "person";
  name: string;
  /** The company's CIF; null for a person (SmartBill gets 13 zeros). */
  cif: string | null;
  regCom: string | null;
  address: string | null;
  city: string | null;
  county: string | null;
  country: string;
  email: string | null;
}

export interface PreviewLine {
  name: string;
  quantity: number;
  unit: string;
  unitPriceBani: number;
}

export interface InvoicePreviewView {
  registrationId: string;
  amountBani: number;
  uninvoicedBani: number;
  issuer: { companyName: string; cif: string };
  buyer: PreviewBuyer;
  lines: PreviewLine[];
  vatMode: "payer_included" | "payer_added" | "not_payer";
  vat: VatLevelChoice | null;
  /** The override the preview was made with (a VAT level name), or null for the course's/profile's. */
  vatOverride: string | null;
  totals: { netBani: number; vatBani: number; totalBani: number };
  currency: string;
  issueDate: string | null;
  dueDate: string | null;
  seriesName: string;
  /** The series' next number in SmartBill now, as SmartBill writes it when the padding is known; null: unknown. */
  nextNumber: string | null;
  /** The levels the override select offers (none for a non-VAT payer). */
  vatLevels: VatLevelChoice[];
  /** The school's mentions as printed (the request's mark, "Ref. Bursar …", is added when it is made). */
  mentions: string | null;
}

export async function resolveVatOverride(db: Executor, orgId: string, name: string | null | undefined): Promise<VatLevelChoice | null> {
  if (!name) return null;
  const level = await getActiveVatLevel(db, orgId, name);
  if (!level) throw new AppError("validation", "invoiceIssue.errors.vatLevelUnknown", { vatOverride: ["invoiceIssue.errors.vatLevelUnknown"] });
  return { name: level.name, percentage: Number(level.percentage) };
}

const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

export async function previewManualInvoice(
  deps: Pick<InvoicingDeps, "db" | "sb">,
  orgId: string,
  input: { registrationId: string; amountBani?: number | null; vatOverride?: string | null },
): Promise<InvoicePreviewView> {
  const override = await resolveVatOverride(deps.db, orgId, input.vatOverride);
  const { plan, uninvoicedBani, nextNumber } = await previewInvoice(deps, orgId, {
    registrationId: input.registrationId,
    ...(input.amountBani ? { amountBani: input.amountBani } : {}),
    vatOverride: override,
  });
  const series = nextNumber === null ? null : await getSeries(deps.db, { orgId, cif: plan.companyCif, series: plan.seriesName });
  const client = plan.payload.client as Record<string, unknown>;
  const company = plan.payload.client.vatCode !== "0000000000000";
  return {
    registrationId: plan.registrationId,
    amountBani: plan.amountBani,
    uninvoicedBani,
    issuer: { companyName: plan.profile.companyName, cif: plan.companyCif },
    buyer: {
      kind: company ? "company" : "person",
      name: String(client.name ?? ""),
      cif: company ? str(client.vatCode) : null,
      regCom: str(client.regCom),
      address: str(client.address),
      city: str(client.city),
      county: str(client.county),
      country: String(client.country ?? ""),
      email: str(client.email),
    },
    lines: plan.payload.products.map((p) =>
      "isDiscount" in p && p.isDiscount
        ? { name: p.name, quantity: 1, unit: p.measuringUnitName, unitPriceBani: -Math.round((p.discountValue ?? 0) * 100) }
        : { name: p.name, quantity: p.quantity, unit: p.measuringUnitName ?? "buc", unitPriceBani: Math.round(p.price * 100) },
    ),
    vatMode: plan.vatMode,
    vat: plan.vat,
    vatOverride: override?.name ?? null,
    totals: plan.totals,
    currency: plan.payload.currency ?? "RON",
    issueDate: plan.payload.issueDate ?? null,
    dueDate: plan.payload.dueDate ?? null,
    seriesName: plan.seriesName,
    nextNumber: nextNumber === null ? null : padNumber(nextNumber, series?.padWidth),
    vatLevels: plan.vatMode === "not_payer" ? [] : (await listActiveVatLevels(deps.db, orgId)).map((l) => ({ name: l.name, percentage: Number(l.percentage) })),
    mentions: plan.payload.mentions ?? null,
  };
}

export interface IssuedRequestView {
  requestId: string;
  status: InvoiceRequestStatus;
  /** false: this click's request was already there (a double click): nothing new. */
  created: boolean;
  /** Another request (another staff member's, a bulk run's) is already invoicing the registration: it is returned. */
  alreadyOpen: boolean;
  companyCif: string;
  seriesName: string;
}

/** Confirm in the dialog: one request per clientRequestId (and one open per registration). */
export async function issueManualInvoice(
  db: Database,
  c: { orgId: string; actorUserId: string; registrationId: string; clientRequestId: string; amountBani: number; vatOverride?: string | null },
): Promise<IssuedRequestView> {
  const override = await resolveVatOverride(db, c.orgId, c.vatOverride);
  const { request, created } = await createManualRequest(db, {
    orgId: c.orgId,
    actorUserId: c.actorUserId,
    registrationId: c.registrationId,
    clientRequestId: c.clientRequestId,
    amountBani: c.amountBani,
    vatOverride: override,
  });
  const alreadyOpen = !created && request.requestKey !== manualKey(c.clientRequestId);
  return { requestId: request.id, status: request.status, created, alreadyOpen, companyCif: request.companyCif, seriesName: request.seriesName };
}
