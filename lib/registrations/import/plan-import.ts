import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db";
import { clients, courses, registrations } from "@/db/schema";
import { clientSchema, recordPaymentSchema, registrationSchema, type ClientValues } from "../schemas";
import { todayInBucharest } from "../dates";
import { cellOf, IMPORT_FIELDS, importDateOf, REQUIRED_FIELDS, type ColumnMapping, type ImportField, type ParsedCsv } from "./csv";

export interface PlannedRow {
  line: number;
  status: "create" | "exists" | "error";
  clientIsNew: boolean;
  clientName: string;
  participantName: string;
  courseName: string;
  priceBani: number | null;
  paidBani: number | null;
  /** Message keys by import field. */
  errors: { field: ImportField | "row"; message: string }[];
  /** What commit needs (only for "create" rows), as the forms' schemas parsed it. */
  create?: {
    clientKey: string;
    client: ClientValues;
    clientId: string | null;
    courseId: string;
    participantName: string;
    reference: string | null;
    downPaymentBani: number | null;
    paidOn: string;
  };
}

const plain = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
const E = "registrationErrors.import";
// The forms' schemas want the ids of rows that do not exist yet during a dry run: this stands in.
const PENDING_ID = "00000000-0000-4000-8000-000000000000";
// Each schema's field → the import field it reads.
const FIELD_OF: Record<string, ImportField> = { name: "clientName", amount: "paid" };
// The dry run gives the event loop back every so many rows, so a large file never holds the process.
const ROWS_PER_SLICE = 200;

function buyerTypeOf(raw: string, hasCompany: boolean): "person" | "company" {
  const v = plain(raw);
  if (/^(firma|company|pj|persoana juridica|juridica|srl|sa)$/.test(v)) return "company";
  if (/^(persoana|person|pf|persoana fizica|fizica)$/.test(v)) return "person";
  return hasCompany ? "company" : "person";
}

/** The header a mapping names for a field: an own property only (a mapping is user input). */
export function mappedHeader(mapping: ColumnMapping, field: ImportField): string | undefined {
  const h = Object.hasOwn(mapping, field) ? mapping[field] : undefined;
  return typeof h === "string" && h ? h : undefined;
}

/** The dry run: what each row would create, or every error with its line, changing nothing. */
export async function planImport(db: Executor, orgId: string, csv: ParsedCsv, mapping: ColumnMapping): Promise<PlannedRow[]> {
  const [courseRows, clientRows, regRows] = await Promise.all([
    db.select({ id: courses.id, name: courses.name, priceBani: courses.priceBani }).from(courses).where(and(eq(courses.orgId, orgId), isNull(courses.archivedAt))),
    db.select({ id: clients.id, name: clients.name, email: clients.email }).from(clients).where(eq(clients.orgId, orgId)),
    db
      .select({ reference: registrations.reference, clientId: registrations.clientId, courseId: registrations.courseId, participant: registrations.participantName })
      .from(registrations)
      .where(eq(registrations.orgId, orgId)),
  ]);
  const courseByName = new Map<string, string[]>();
  for (const c of courseRows) courseByName.set(plain(c.name), [...(courseByName.get(plain(c.name)) ?? []), c.id]);
  const coursePrice = new Map(courseRows.map((c) => [c.id, c.priceBani]));
  const clientByKey = new Map<string, string>();
  for (const c of clientRows) clientByKey.set(c.email ? `e:${c.email.toLowerCase()}` : `n:${plain(c.name)}`, c.id);
  const references = new Set(regRows.map((r) => r.reference));
  const registered = new Set(regRows.map((r) => `${r.clientId}|${r.courseId}|${plain(r.participant)}`));
  const seenInFile = new Set<string>();
  const today = todayInBucharest();
  const headerOf = new Map(IMPORT_FIELDS.map((f) => [f, mappedHeader(mapping, f)]));

  const planRow = ({ line, cells }: ParsedCsv["rows"][number]): PlannedRow => {
    const get = (f: ImportField) => cellOf(csv, cells, headerOf.get(f));
    const errors: PlannedRow["errors"] = [];
    const addIssues = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) => {
      for (const issue of issues) {
        const key = String(issue.path[0] ?? "row");
        const field = FIELD_OF[key] ?? (key as ImportField);
        if (!errors.some((e) => e.field === field)) errors.push({ field, message: issue.message });
      }
    };
    for (const f of REQUIRED_FIELDS) if (!get(f)) errors.push({ field: f, message: "required" });

    // Every field goes through the schema of the form that would take it: the client form, the
    // registration form, the payment form. A value a form refuses is a row error here.
    const companyName = get("companyName");
    const client = clientSchema.safeParse({
      buyerType: buyerTypeOf(get("buyerType"), !!(companyName || get("cif"))),
      name: get("clientName"),
      email: get("email"),
      phone: get("phone"),
      address: get("address"),
      city: get("city"),
      county: get("county"),
      country: "Romania",
      companyName,
      cif: get("cif"),
      regCom: get("regCom"),
      vatPayer: /^ro/i.test(get("cif")),
    });
    if (!client.success) addIssues(client.error.issues);
    const courseIds = get("courseName") ? (courseByName.get(plain(get("courseName"))) ?? []) : [];
    const registration = registrationSchema.safeParse({
      clientId: PENDING_ID,
      courseId: courseIds[0] ?? PENDING_ID,
      participantName: get("participantName"),
      reference: get("reference"),
      price: get("price"),
      downPayment: get("downPayment"),
    });
    if (!registration.success) addIssues(registration.error.issues);
    const paidOn = get("paidOn") ? importDateOf(get("paidOn")) : today;
    const payment = get("paid") ? recordPaymentSchema.safeParse({ registrationId: PENDING_ID, amount: get("paid"), paidOn, method: "other" }) : null;
    if (payment && !payment.success) addIssues(payment.error.issues);
    if (!payment && get("paidOn")) {
      const date = recordPaymentSchema.shape.paidOn.safeParse(paidOn);
      if (!date.success) addIssues([{ path: ["paidOn"], message: date.error.issues[0]!.message }]);
    }
    if (get("courseName") && courseIds.length === 0) errors.push({ field: "courseName", message: `${E}.courseUnknown` });
    if (courseIds.length > 1) errors.push({ field: "courseName", message: `${E}.courseAmbiguous` });
    const reg = registration.success ? registration.data : null;
    // An empty price is the course's: the down payment is checked against it, as the registration use-case does.
    if (reg && reg.downPayment !== null && reg.price === null && courseIds.length === 1 && reg.downPayment > coursePrice.get(courseIds[0]!)!) {
      errors.push({ field: "downPayment", message: "registrationErrors.validation.downPaymentAbovePrice" });
    }

    const base = {
      line,
      clientName: get("clientName"),
      participantName: get("participantName"),
      courseName: get("courseName"),
      priceBani: reg?.price ?? null,
      paidBani: payment?.success ? payment.data.amount : null,
    };
    if (errors.length || !client.success || !reg || (payment && !payment.success)) return { ...base, status: "error", clientIsNew: false, errors };

    const clientKey = client.data.email ? `e:${client.data.email}` : `n:${plain(client.data.name)}`;
    const clientId = clientByKey.get(clientKey) ?? null;
    const courseId = courseIds[0]!;
    const regKey = `${clientId ?? clientKey}|${courseId}|${plain(reg.participantName)}`;
    // Importing the same file again creates nothing: a row whose reference, or whose client + course +
    // participant, is already there is skipped.
    if ((reg.reference && references.has(reg.reference)) || (clientId && registered.has(regKey))) {
      return { ...base, status: "exists", clientIsNew: false, errors };
    }
    if (seenInFile.has(regKey) || (reg.reference && seenInFile.has(`ref:${reg.reference}`))) {
      return { ...base, status: "error", clientIsNew: false, errors: [{ field: "row", message: `${E}.duplicateRow` }] };
    }
    seenInFile.add(regKey);
    if (reg.reference) seenInFile.add(`ref:${reg.reference}`);
    return {
      ...base,
      status: "create",
      clientIsNew: !clientId,
      errors,
      create: { clientKey, client: client.data, clientId, courseId, participantName: reg.participantName, reference: reg.reference, downPaymentBani: reg.downPayment, paidOn: payment?.success ? payment.data.paidOn : paidOn },
    };
  };

  const planned: PlannedRow[] = [];
  for (let i = 0; i < csv.rows.length; i++) {
    if (i > 0 && i % ROWS_PER_SLICE === 0) await new Promise((r) => setImmediate(r));
    planned.push(planRow(csv.rows[i]!));
  }
  return planned;
}
