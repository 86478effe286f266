import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db";
import { clients, courses, registrations } from "@/db/schema";
import { isValidReference, normaliseReference } from "../reference";
import { clientSchema, optionalMoneyField, type ClientValues } from "../schemas";
import { todayInBucharest } from "../dates";
import { readImportDate, REQUIRED_FIELDS, type ColumnMapping, type ImportField, type ParsedCsv } from "./csv";

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
  /** What commit needs (only for "create" rows). */
  create?: { clientKey: string; client: ClientValues; clientId: string | null; courseId: string; reference: string | null; downPaymentBani: number | null; paidOn: string };
}

const plain = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
const E = "registrationErrors.import";

function buyerTypeOf(raw: string, hasCompany: boolean): "person" | "company" {
  const v = plain(raw);
  if (/^(firma|company|pj|persoana juridica|juridica|srl|sa)$/.test(v)) return "company";
  if (/^(persoana|person|pf|persoana fizica|fizica)$/.test(v)) return "person";
  return hasCompany ? "company" : "person";
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

  return csv.rows.map(({ line, cells }) => {
    const get = (f: ImportField) => (mapping[f] ? (cells[mapping[f]!] ?? "") : "");
    const errors: PlannedRow["errors"] = [];
    for (const f of REQUIRED_FIELDS) if (!get(f)) errors.push({ field: f, message: "required" });

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
    if (!client.success) {
      for (const issue of client.error.issues) {
        const key = String(issue.path[0] ?? "row");
        const field = (key === "name" ? "clientName" : key) as ImportField;
        if (!errors.some((e) => e.field === field)) errors.push({ field, message: issue.message });
      }
    }
    const money = (f: ImportField) => {
      const r = optionalMoneyField.safeParse(get(f));
      if (!r.success) errors.push({ field: f, message: r.error.issues[0]!.message });
      return r.success ? r.data : null;
    };
    const price = money("price");
    const downPayment = money("downPayment");
    const paid = money("paid");
    let paidOn = today;
    if (get("paidOn")) {
      const d = readImportDate(get("paidOn"), today);
      if ("date" in d) paidOn = d.date;
      else errors.push({ field: "paidOn", message: d.error });
    }
    const courseIds = get("courseName") ? (courseByName.get(plain(get("courseName"))) ?? []) : [];
    if (get("courseName") && courseIds.length === 0) errors.push({ field: "courseName", message: `${E}.courseUnknown` });
    if (courseIds.length > 1) errors.push({ field: "courseName", message: `${E}.courseAmbiguous` });
    if (downPayment !== null && courseIds.length === 1 && downPayment > (price ?? coursePrice.get(courseIds[0]!)!)) {
      errors.push({ field: "downPayment", message: "registrationErrors.validation.downPaymentAbovePrice" });
    }
    const reference = get("reference") ? normaliseReference(get("reference")) : null;
    if (reference && !isValidReference(reference)) errors.push({ field: "reference", message: "registrationErrors.validation.reference" });

    const base = {
      line,
      clientName: get("clientName"),
      participantName: get("participantName"),
      courseName: get("courseName"),
      priceBani: price,
      paidBani: paid,
    };
    if (errors.length || !client.success) return { ...base, status: "error", clientIsNew: false, errors };

    const clientKey = client.data.email ? `e:${client.data.email}` : `n:${plain(client.data.name)}`;
    const clientId = clientByKey.get(clientKey) ?? null;
    const courseId = courseIds[0]!;
    const regKey = `${clientId ?? clientKey}|${courseId}|${plain(get("participantName"))}`;
    // Importing the same file again creates nothing: a row whose reference, or whose client + course +
    // participant, is already there is skipped.
    if ((reference && references.has(reference)) || (clientId && registered.has(regKey))) {
      return { ...base, status: "exists", clientIsNew: false, errors };
    }
    if (seenInFile.has(regKey) || (reference && seenInFile.has(`ref:${reference}`))) {
      return { ...base, status: "error", clientIsNew: false, errors: [{ field: "row", message: `${E}.duplicateRow` }] };
    }
    seenInFile.add(regKey);
    if (reference) seenInFile.add(`ref:${reference}`);
    return {
      ...base,
      status: "create",
      clientIsNew: !clientId,
      errors,
      create: { clientKey, client: client.data, clientId, courseId, reference, downPaymentBani: downPayment, paidOn },
    };
  });
}
