// The demo school's courses, clients, registrations and payments (issue 9): 2 billing profiles, 12
// courses over 2 terms, ~300 registrations in every payment state. Idempotent: does nothing when the
// school already has courses. Set-based inserts; a seeded PRNG makes every install look the same.
// Payments are inserted in bulk here, not through lib/registrations/record-payment.ts: nothing is
// invoiced for demo history, and paid_bani is recomputed from them in one statement at the end.
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { auditLog, billingProfiles, clients, courses, memberships, payments, registrations, users } from "../../db/schema";
import { generateReference } from "../../lib/registrations/reference";
import { CHILD_FIRST_NAMES, COMPANIES, LAST_NAMES, PARENT_FIRST_NAMES, PLACES, STREETS } from "./names";

const DEMO_ADMIN_EMAIL = "admin@demo.bursar.test";

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A CIF with a valid check digit (key 753217532). */
function makeCif(random: () => number): string {
  const body = String(10_000_000 + Math.floor(random() * 89_999_999));
  const padded = body.padStart(9, "0");
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(padded[i]) * Number("753217532"[i]);
  return body + String(((sum * 10) % 11) % 10);
}

const TERMS = [
  { termName: "Toamnă 2026", termStart: "2026-09-14", termEnd: "2027-01-29" },
  { termName: "Primăvară 2027", termStart: "2027-02-08", termEnd: "2027-06-18" },
] as const;
const COURSES: [string, number, 0 | 1][] = [
  ["Balet pentru începători", 95_000, 0],
  ["Dans modern", 85_000, 0],
  ["Hip-hop junior", 80_000, 0],
  ["Engleză Cambridge Young Learners", 120_000, 0],
  ["Germană pentru copii", 110_000, 0],
  ["Robotică LEGO", 145_000, 0],
  ["Programare în Scratch", 130_000, 0],
  ["Pian", 180_000, 0],
  ["Chitară", 160_000, 0],
  ["Pictură și desen", 70_000, 0],
  ["Șah", 60_000, 1],
  ["Înot", 90_000, 1],
];

type Target = "not_paid" | "partially_paid" | "down_payment_paid" | "paid" | "overpaid";
const TARGETS: [Target, number][] = [
  ["not_paid", 0.25],
  ["partially_paid", 0.15],
  ["down_payment_paid", 0.2],
  ["paid", 0.35],
  ["overpaid", 0.05],
];

async function findDemoOrg(db: Database): Promise<string | null> {
  const [row] = await db
    .select({ orgId: memberships.orgId })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(eq(users.email, DEMO_ADMIN_EMAIL))
    .limit(1);
  return row?.orgId ?? null;
}

export async function seedDemoRegistrations(db: Database, orgId?: string): Promise<{ registrations: number } | null> {
  const org = orgId ?? (await findDemoOrg(db));
  if (!org) return null;
  const [existing] = await db.select({ id: courses.id }).from(courses).where(eq(courses.orgId, org)).limit(1);
  if (existing) return null;
  const random = prng(20260914);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const [staff] = await db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, org), eq(memberships.role, "staff")))
    .limit(1);
  const actor = staff?.id ?? null;

  return db.transaction(async (tx) => {
    // Two billing profiles on the sandbox demo company: the school (default, series BRS) and its
    // sports club on its own series (BRSC).
    let profiles = await tx.select().from(billingProfiles).where(eq(billingProfiles.orgId, org));
    if (profiles.length === 0) {
      const base = { orgId: org, cif: "RO12345674", regCom: "J40/1234/2020", country: "Romania", iban: "RO49AAAA1B31007593840000", bank: "Banca Demo", vatPayer: true, defaultVatName: "Normala", defaultVatPercentage: "21.00" };
      profiles = await tx
        .insert(billingProfiles)
        .values([
          { ...base, isDefault: true, companyName: "Școala Demo SRL", address: "Str. Lalelelor 12", city: "Sector 2", county: "București", email: "facturi@scoala-demo.ro", seriesName: "BRS" },
          { ...base, isDefault: false, companyName: "Școala Demo SRL — Club sportiv", address: "Str. Lalelelor 14", city: "Sector 2", county: "București", email: "club@scoala-demo.ro", seriesName: "BRSC" },
        ])
        .returning();
    }
    const club = profiles.find((p) => !p.isDefault) ?? null;

    const courseRows = await tx
      .insert(courses)
      .values(
        TERMS.flatMap((term, ti) =>
          COURSES.slice(ti * 6, ti * 6 + 6).map(([name, priceBani, profile]) => ({
            orgId: org,
            name,
            priceBani: priceBani + ti * 5_000,
            billingProfileId: profile && club ? club.id : null,
            ...term,
          })),
        ),
      )
      .returning();

    const companies = COMPANIES.map((companyName) => ({ companyName, cif: `RO${makeCif(random)}`, regCom: `J40/${between(100, 9999)}/${between(2005, 2023)}` }));
    const clientValues = Array.from({ length: 220 }, (_, i) => {
      const last = pick(LAST_NAMES);
      const first = pick(PARENT_FIRST_NAMES);
      const [city, county] = pick(PLACES);
      const company = i % 18 === 5 ? companies[Math.floor(i / 18) % companies.length] : undefined;
      const email = `${first}.${last}${i}@exemplu.ro`.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
      return {
        orgId: org,
        buyerType: company ? ("company" as const) : ("person" as const),
        name: `${first} ${last}`,
        email,
        phone: `07${between(20, 79)} ${between(100, 999)} ${between(100, 999)}`,
        address: `${pick(STREETS)} ${between(1, 180)}`,
        city,
        county,
        country: "Romania",
        companyName: company?.companyName ?? null,
        cif: company?.cif ?? null,
        regCom: company?.regCom ?? null,
        vatPayer: !!company,
      };
    });
    const clientRows = await tx.insert(clients).values(clientValues).returning({ id: clients.id, name: clients.name });

    const refs = new Set<string>();
    const now = Date.now();
    const plan = Array.from({ length: 300 }, (_, i) => {
      const client = clientRows[i < clientRows.length ? i : between(0, clientRows.length - 1)]!;
      const course = pick(courseRows);
      const priceBani = random() < 0.1 ? course.priceBani - 10_000 : course.priceBani;
      const downPaymentBani = random() < 0.45 ? Math.round((priceBani * 0.3) / 5_000) * 5_000 : null;
      let reference = generateReference(random);
      while (refs.has(reference)) reference = generateReference(random);
      refs.add(reference);
      let r = random();
      const target = TARGETS.find(([, share]) => (r -= share) < 0)?.[0] ?? "paid";
      return {
        values: {
          orgId: org,
          clientId: client.id,
          courseId: course.id,
          participantName: `${pick(CHILD_FIRST_NAMES)} ${client.name.split(" ").at(-1)}`,
          clientName: client.name,
          courseName: course.name,
          reference,
          priceBani,
          downPaymentBani,
          status: i % 23 === 7 ? ("cancelled" as const) : ("active" as const),
          cancelledAt: i % 23 === 7 ? new Date(now - between(1, 20) * 86_400_000) : null,
          cancelReason: i % 23 === 7 ? "S-a mutat în alt oraș" : null,
          createdBy: actor,
          createdAt: new Date(now - between(5, 120) * 86_400_000 - between(0, 86_399) * 1000),
        },
        target: downPaymentBani === null && target === "down_payment_paid" ? ("partially_paid" as const) : target,
      };
    });
    const regRows = await tx.insert(registrations).values(plan.map((p) => p.values)).returning({ id: registrations.id, createdAt: registrations.createdAt });

    const day = (d: Date, plus: number) => new Date(Math.min(d.getTime() + plus * 86_400_000, now)).toISOString().slice(0, 10);
    const METHODS = ["cash", "card", "bank_transfer", "bank_transfer", "other"] as const;
    const paymentValues: (typeof payments.$inferInsert)[] = [];
    plan.forEach(({ values: r, target }, i) => {
      const reg = regRows[i]!;
      const amounts: number[] = [];
      const dp = r.downPaymentBani;
      if (target === "partially_paid") amounts.push(Math.max(5_000, Math.round(((dp ?? r.priceBani) * (0.3 + random() * 0.4)) / 1_000) * 1_000));
      if (target === "down_payment_paid") amounts.push(dp!, ...(random() < 0.3 ? [10_000] : []));
      if (target === "paid") amounts.push(...(dp ? [dp, r.priceBani - dp] : random() < 0.5 ? [r.priceBani] : [r.priceBani / 2, r.priceBani / 2]));
      if (target === "overpaid") amounts.push(r.priceBani, 5_000);
      amounts.forEach((amountBani, k) =>
        paymentValues.push({
          orgId: org,
          registrationId: reg.id,
          amountBani: Math.round(amountBani),
          paidOn: day(reg.createdAt, 1 + k * 20),
          method: pick(METHODS),
          source: "manual",
          recordedBy: actor,
          note: k === 0 && random() < 0.1 ? "Plătit la secretariat" : null,
        }),
      );
      // Some history: a payment typed twice and voided.
      if (i % 37 === 3 && amounts.length) {
        paymentValues.push({ orgId: org, registrationId: reg.id, amountBani: Math.round(amounts[0]!), paidOn: day(reg.createdAt, 1), method: "cash", source: "manual", recordedBy: actor, voidedAt: new Date(), voidReason: "Introdusă de două ori", voidedBy: actor });
      }
    });
    const paymentRows = paymentValues.length ? await tx.insert(payments).values(paymentValues).returning() : [];
    await tx.execute(sql`
      update ${registrations} r set paid_bani = p.sum
      from (select registration_id, sum(amount_bani) as sum from ${payments} where org_id = ${org} and voided_at is null group by 1) p
      where r.org_id = ${org} and r.id = p.registration_id`);

    const audit: (typeof auditLog.$inferInsert)[] = [
      ...regRows.map((r, i) => ({ orgId: org, actorUserId: actor, action: "registration.created", entityType: "registration", entityId: r.id, details: { reference: plan[i]!.values.reference, demo: true }, createdAt: r.createdAt })),
      ...paymentRows.map((p) => ({ orgId: org, actorUserId: actor, action: "payment.recorded", entityType: "payment", entityId: p.id, details: { registrationId: p.registrationId, amountBani: p.amountBani, paidOn: p.paidOn, method: p.method, source: p.source, demo: true }, createdAt: new Date(`${p.paidOn}T10:00:00Z`) })),
      ...paymentRows.filter((p) => p.voidedAt).map((p) => ({ orgId: org, actorUserId: actor, action: "payment.voided", entityType: "payment", entityId: p.id, details: { registrationId: p.registrationId, amountBani: p.amountBani, reason: p.voidReason, demo: true } })),
    ];
    await tx.insert(auditLog).values(audit);
    return { registrations: regRows.length };
  });
}
