// Every server action is a public POST endpoint: this finds them all (every export of every actions.ts
// and actions/*.ts under app/), and calls each as a signed-in admin of a school connected to the
// SmartBill sandbox, with malformed bodies and hostile strings. No call may throw or answer `internal`,
// every refusal must carry message keys that exist in English and Romanian, and a refused call must
// leave every table's row count as it was (no half-written rows).
import crypto from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../db/schema";
import { hashPassword } from "../lib/auth/password";
import { en, ro } from "../messages";
import { createTestDb, type TestDb } from "./db";
import { DEMO, startSandbox, type Sandbox } from "./sandbox";
import { createSchool } from "./school";
import { actAs } from "./session";

type Result = { ok: true; data: unknown } | { ok: false; code: string; error: string; fieldErrors?: Record<string, string[]> };
type Action = (input: unknown) => Promise<Result>;

const APP = path.resolve(import.meta.dirname, "../app");

function actionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return actionFiles(full);
    const isAction = e.name === "actions.ts" || (path.basename(dir) === "actions" && e.name.endsWith(".ts") && !e.name.endsWith(".test.ts"));
    return isAction ? [full] : [];
  });
}

const uuid = () => crypto.randomUUID();
const ADMIN_PASSWORD = "correct horse battery staple";
// The fuzz school's own course, client, registrations and payment (made in beforeAll through the
// actions themselves), so the registration actions' samples get past "not found" to the writes.
const fx = { courseId: "", courseName: "Dans modern", archiveId: "", clientId: "", registrationId: "", cancelId: "", paymentId: "" };
const IMPORT_CSV = "Părinte;E-mail;Copil;Curs;Preț;Avans\nMaria Ionescu;maria@exemplu.ro;Ana Ionescu;Dans modern;1.234,50;300\n";
const IMPORT_MAPPING = { clientName: "Părinte", email: "E-mail", participantName: "Copil", courseName: "Curs", price: "Preț", downPayment: "Avans" };
// A valid body per action: the fuzz varies each of its fields. A new action without one fails the test.
const SAMPLES: Record<string, () => Record<string, unknown>> = {
  setLocaleAction: () => ({ locale: "ro" }),
  signUpAction: () => ({ orgName: "Școala Fuzz", name: "Ana Pop", email: `fuzz-${uuid()}@school.test`, password: "correct horse battery" }),
  acceptInviteAsNewUserAction: () => ({ token: "t".repeat(43), name: "Ana Pop", password: "correct horse battery" }),
  acceptInviteAsUserAction: () => ({ token: "t".repeat(43) }),
  // The admin's own password, kept the same so every call after the first still knows it.
  changePasswordAction: () => ({ currentPassword: ADMIN_PASSWORD, newPassword: ADMIN_PASSWORD }),
  inviteMemberAction: () => ({ email: `invitee-${uuid()}@school.test`, role: "staff" }),
  revokeInvitationAction: () => ({ invitationId: uuid() }),
  changeMemberRoleAction: () => ({ userId: uuid(), role: "staff" }),
  removeMemberAction: () => ({ userId: uuid() }),
  reverifyAction: () => ({}),
  changeTokenAction: () => ({ token: DEMO.token }),
  disconnectAction: () => ({}),
  reconnectAction: () => ({}),
  verifyCredentialsAction: () => ({ username: DEMO.email, token: DEMO.token, cif: DEMO.company.cif }),
  connectSandboxAction: () => ({}),
  skipBankAction: () => ({}),
  issueTestDraftAction: () => ({}),
  finishSetupAction: () => ({}),
  bindSeriesAction: () => ({ profileId: uuid(), seriesName: "BRS" }),
  completeSeriesStepAction: () => ({}),
  syncVatLevelsAction: () => ({}),
  saveVatSettingsAction: () => ({ vatMode: "payer_included", defaults: [{ profileId: uuid(), vatName: "Normala" }] }),
  completeVatStepAction: () => ({ vatMode: "payer_included", defaults: [] }),
  saveProfileAction: () => ({
    companyName: "Școala Fuzz SRL",
    cif: "RO12345674",
    regCom: "J40/1/2020",
    address: "Str. Lalelelor 3",
    city: "București",
    county: "Sector 1",
    country: "Romania",
    email: "facturi@fuzz.ro",
    phone: "0722000000",
    iban: "",
    bank: "",
    vatPayer: true,
    currency: "RON",
    invoiceLanguage: "RO",
    dueDays: 15,
  }),
  makeDefaultProfileAction: () => ({ profileId: uuid() }),
  archiveProfileAction: () => ({ profileId: uuid() }),
  completeProfilesStepAction: () => ({}),
  saveGenerationAction: () => ({ mode: "manual", triggerDebtCleared: false, triggerDownPayment: false }),
  visitStepAction: () => ({ step: "profiles" }),
  saveCourseAction: () => ({ name: "Pian", price: "1.200,50", billingProfileId: "", vatName: "", termName: "2026-2027", termStart: "2026-09-15", termEnd: "2027-06-15" }),
  // Its own course: the fuzz archives it (archived: true), which the other samples' course must not be.
  archiveCourseAction: () => ({ courseId: fx.archiveId, archived: false }),
  saveClientAction: () => ({
    buyerType: "company",
    name: "Ioana Popescu",
    email: "ioana@exemplu.ro",
    phone: "0722 000 000",
    address: "Str. Lalelelor 3",
    city: "Sector 3",
    county: "București",
    country: "Romania",
    companyName: "Popescu Consult SRL",
    cif: "RO12345674",
    regCom: "J40/1/2020",
    vatPayer: true,
  }),
  searchClientsAction: () => ({ q: "Popescu" }),
  saveRegistrationAction: () => ({ clientId: fx.clientId, courseId: fx.courseId, participantName: "Matei Popescu", reference: "", price: "900", downPayment: "100" }),
  cancelRegistrationAction: () => ({ registrationId: fx.cancelId, reason: "Moved to another town" }),
  recordPaymentAction: () => ({ registrationId: fx.registrationId, amount: "50,00", paidOn: "2026-09-20", method: "cash", note: "Chitanța 12" }),
  voidPaymentAction: () => ({ paymentId: fx.paymentId, reason: "Typed twice" }),
  // The fuzz school has no billing profile: the preview and the issue answer a conflict (nothing written).
  previewInvoiceAction: () => ({ registrationId: fx.registrationId, amount: "50,00", vatOverride: "" }),
  issueInvoiceAction: () => ({ registrationId: fx.registrationId, clientRequestId: uuid(), amount: "50,00", vatOverride: "" }),
  listRegistrationIdsAction: () => ({ course: fx.courseId, term: "2026-2027", paymentStatus: ["not_paid", "partially_paid"], status: "all", q: "Popescu", invoice: "none" }),
  previewImportAction: () => ({ csv: IMPORT_CSV, mapping: IMPORT_MAPPING }),
  commitImportAction: () => ({ csv: IMPORT_CSV, mapping: IMPORT_MAPPING, fileName: "scoala.csv" }),
  // The fuzz school has no billing profile: a start is refused (noProfile) and must leave no batch behind.
  bulkIssueSummaryAction: () => ({ selection: { ids: [fx.registrationId, fx.cancelId] } }),
  startBulkIssueAction: () => ({ clientBatchId: uuid(), selection: { ids: [fx.registrationId] }, confirmedCount: 1 }),
  cancelBulkIssueAction: () => ({ batchId: uuid() }),
  // The invoice inbox: unknown requests are refused as not found / no longer in doubt; null retries every retryable one.
  retryInvoiceAction: () => ({ requestId: uuid() }),
  retryInvoicesAction: () => ({ requestIds: [uuid()] }),
  linkInvoiceAction: () => ({ requestId: uuid(), number: "0001" }),
  markNotCreatedAction: () => ({ requestId: uuid() }),
  checkAgainAction: () => ({ requestId: uuid() }),
  resumeIssuingAction: () => ({}),
  // An unknown alarm is refused as not found (nothing resolved, no audit row).
  resolveAlarmAction: () => ({ alarmId: uuid(), note: "Storno BRS-0043 made in SmartBill" }),
};

const HOSTILE_STRINGS = [
  "\u0000",
  "Ana\u0000Pop",
  "Ana\u0007\u001b[31mPop",
  "Ana\tPop\r\n",
  "\u202eexe.fdp",
  "\u2066Ana\u2069",
  "Ana\ud800",
  "x".repeat(100_000),
  "'; DROP TABLE users; --",
  "' OR '1'='1",
  "Robert'); SELECT pg_sleep(0); --",
  "🎓👩‍👩‍👧 Școala ȚĂÂÎ",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "${7*7}{{7*7}}",
  "",
  " ",
];

// Hostile import files: repeated and prototype-named headers, sizes at and past the limits, broken
// encodings (NUL, lone surrogates, mojibake, a code page read as UTF-8), odd separators and quotes.
const IMPORT_HEAD = "Părinte;E-mail;Copil;Curs;Preț;Avans";
const HOSTILE_FILES: [string, string][] = [
  ["16,000 repeated headers", `${"Părinte;".repeat(15_999)}Părinte\nMaria Ionescu\n`],
  ["250,000 columns", `${"a;".repeat(249_999)}a\nx\n`],
  ["prototype headers", "__proto__;constructor;toString;hasOwnProperty;valueOf\nMaria Ionescu;Ana Ionescu;Dans modern;x;y\n"],
  ["NUL in headers and cells", `Păr\u0000inte;E-mail;Copil;Curs;Preț;Avans\nMaria\u0000Ionescu;m@x.ro;Ana\u0000;Dans modern;1\u0000;\n`],
  ["NUL in an unmapped column", `${IMPORT_HEAD};Notă\nMaria Ionescu;maria@exemplu.ro;Ana Ionescu;Dans modern;100;;a\u0000b\n`],
  ["bidi and control characters", `${IMPORT_HEAD}\nMaria \u202eIonescu;maria@exemplu.ro;\u2066Ana\u2069;Dans modern;100;\u0007\n`],
  ["lone surrogates", `Păr\ud800inte;E-mail;Copil;Curs;Preț;Avans\nMaria\udc00;m@x.ro;Ana\ud800;Dans modern;100;\n`],
  ["windows-1250 read as UTF-8", "P\ufffdrinte;E-mail;Copil;Curs;Pre\ufffd;Avans\nMaria Ionescu;;Ana;Dans modern;100;\n"],
  ["mojibake", "PÄƒrinte;E-mail;Copil;Curs;PreÈ›;Avans\nMaria IonescuÈ;;AnÄƒ;Dans modern;1.234,50;\n"],
  ["a 400 kB participant", `${IMPORT_HEAD}\nMaria Ionescu;maria@exemplu.ro;${"A".repeat(400_000)};Dans modern;100;\n`],
  ["a 5,000-character header", `${"H".repeat(5_000)};Copil\nx;y\n`],
  ["2,001 rows", `${IMPORT_HEAD}\n${"Maria Ionescu;;Ana Ionescu;Dans modern;100;\n".repeat(2_001)}`],
  ["bare separators", `${IMPORT_HEAD}\n${";;;;;\n".repeat(20_000)}`],
  ["unbalanced quotes", `${IMPORT_HEAD}\n"Maria;"Ionescu;"Ana\n${'"x";"'.repeat(10_000)}\n`],
  ["CR only, tabs", `Părinte\tE-mail\tCopil\tCurs\rMaria Ionescu\tm@x.ro\tAna\tDans modern\r`],
  ["BOM only", "\uFEFF"],
  ["blank lines", "\n\n\n\n"],
  ["header only", `${IMPORT_HEAD}\n`],
  ["huge amounts and dates", `${IMPORT_HEAD};Achitat;Data plății\nMaria Ionescu;;Ana;Dans modern;1e308;-0;NaN;31.02.9999\n`],
];
const HOSTILE_MAPPINGS: [string, unknown][] = [
  ["the sample", IMPORT_MAPPING],
  ["prototype names", { clientName: "__proto__", participantName: "constructor", courseName: "toString", email: "hasOwnProperty", price: "valueOf" }],
  ["a __proto__ key", JSON.parse('{"__proto__": "Părinte", "clientName": "Părinte"}')],
  ["a constructor key", { constructor: "Părinte", clientName: "Părinte", participantName: "Copil", courseName: "Curs" }],
  ["NUL in a column name", { clientName: "Părinte\u0000", participantName: "Copil", courseName: "Curs" }],
  ["a column not in the file", { clientName: "Nu există", participantName: "Copil", courseName: "Curs" }],
  ["empty names", { clientName: "", participantName: "", courseName: "" }],
  ["one column for every field", { clientName: "Părinte", participantName: "Părinte", courseName: "Părinte", price: "Părinte", paidOn: "Părinte" }],
];

const deep = (n: number): unknown => (n === 0 ? "junk" : { a: deep(n - 1), b: [n, null] });
const HUGE_ARRAY = Array.from({ length: 10_000 }, (_, i) => ({ profileId: uuid(), vatName: `V${i}`, junk: [i] }));
const MALFORMED_BODIES: unknown[] = [
  undefined,
  null,
  [],
  [{}],
  "",
  "a string",
  0,
  -1,
  Number.NaN,
  1e308,
  true,
  {},
  HUGE_ARRAY,
  deep(200),
  JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
  Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i])),
];
const WRONG_VALUES: unknown[] = [null, undefined, [], {}, 0, -1, 1.5, true, "", HUGE_ARRAY, deep(50), ["a", "b"], { toString: "x" }];

function lookup(messages: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

let t: TestDb;
let sandbox: Sandbox;
let countsSql: string;
let tables: string[];

async function counts(): Promise<Record<string, number>> {
  const [row] = await t.sql.unsafe(countsSql);
  return Object.fromEntries(Object.entries(row as Record<string, string | number>).map(([k, v]) => [k, Number(v)]));
}

beforeAll(async () => {
  t = await createTestDb({ app: true });
  sandbox = await startSandbox({ db: t });
  // Every SmartBill call of the app's own client goes to the sandbox.
  process.env.SMARTBILL_BASE_URL = sandbox.baseUrl;
  process.env.SMARTBILL_SANDBOX_URL = sandbox.baseUrl;
  process.env.SMARTBILL_LOG_LEVEL = "silent";
  const school = await createSchool(t.db, { name: "Fuzz School", connected: sandbox });
  await t.db.update(users).set({ passwordHash: await hashPassword(ADMIN_PASSWORD) }).where(eq(users.id, school.admin.userId));
  actAs(school.admin);
  await makeRegistrationFixtures();
  // Rows that record a call to the outside (the sandbox's own tables, the SmartBill rate limiter's
  // ledger) are not the app's data: a refused SmartBill call legitimately adds them. So is the
  // password lockout's ledger: a refused wrong current password is recorded on purpose.
  const rows = await t.sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;
  tables = rows.map((r) => r.name).filter((n) => !/sandbox|^smartbill_rate_|^sign_in_attempts$|^__drizzle/.test(n));
  countsSql = `select ${tables.map((n) => `(select count(*) from "${n}") as "${n}"`).join(", ")}`;
}, 120_000);

async function makeRegistrationFixtures() {
  const call = async (file: string, name: string, body: unknown): Promise<Record<string, string>> => {
    const mod = (await import(path.join(APP, "(dashboard)", file))) as Record<string, Action>;
    const res = await mod[name]!(body);
    if (!res.ok) throw new Error(`fixture ${name}: ${res.code} ${res.error} ${JSON.stringify(res.fieldErrors)}`);
    return res.data as Record<string, string>;
  };
  const course = { name: fx.courseName, price: "1.000", billingProfileId: "", vatName: "", termName: "2026-2027", termStart: "2026-09-15", termEnd: "2027-06-15" };
  fx.courseId = (await call("courses/actions/save-course.ts", "saveCourseAction", course)).id!;
  fx.archiveId = (await call("courses/actions/save-course.ts", "saveCourseAction", { ...course, name: "Vioară" })).id!;
  const client = { buyerType: "person", name: "Ștefan Popescu", country: "Romania", vatPayer: false };
  fx.clientId = (await call("clients/actions/save-client.ts", "saveClientAction", client)).id!;
  const registration = { clientId: fx.clientId, courseId: fx.courseId, participantName: "Ioana Popescu" };
  const save = "registrations/actions/save-registration.ts";
  fx.registrationId = (await call(save, "saveRegistrationAction", registration)).id!;
  fx.cancelId = (await call(save, "saveRegistrationAction", { ...registration, participantName: "Radu Popescu" })).id!;
  const payment = { registrationId: fx.registrationId, amount: "100", paidOn: "2026-09-16", method: "card" };
  fx.paymentId = (await call("registrations/actions/record-payment.ts", "recordPaymentAction", payment)).paymentId!;
}

afterAll(async () => {
  // The commit wakes the import queue (pg-boss on this database): stop it before the database goes.
  await (await import("../lib/jobs/boss")).stopBoss(1_000);
  await sandbox.close();
  await t.drop();
});

describe("every server action under hostile input", () => {
  it("answers a 4xx-kind refusal or a success, never throws, never `internal`, never half-writes", async () => {
    const files = actionFiles(APP);
    const actions: [string, Action][] = [];
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const [name, fn] of Object.entries(mod)) if (typeof fn === "function") actions.push([name, fn as Action]);
    }
    expect(tables).toEqual(expect.arrayContaining(["billing_profiles", "users", "memberships", "audit_log"]));
    expect(actions.map(([n]) => n).sort()).toEqual(Object.keys(SAMPLES).sort());

    const problems: string[] = [];
    let calls = 0;
    let refused = 0;
    for (const [name, action] of actions) {
      const sample = SAMPLES[name]!;
      // The sample itself must pass validation, or the hostile values would never get past the schema.
      const valid = await action(sample());
      if (!valid.ok && valid.code === "validation") problems.push(`${name}: its sample body is refused by validation (${valid.error} ${JSON.stringify(valid.fieldErrors ?? {})})`);
      const bodies: [string, unknown][] = MALFORMED_BODIES.map((b, i) => [`malformed #${i}`, b]);
      for (const key of Object.keys(sample())) {
        for (const [i, v] of WRONG_VALUES.entries()) bodies.push([`${key}=wrong #${i}`, { ...sample(), [key]: v }]);
        for (const [i, s] of HOSTILE_STRINGS.entries()) bodies.push([`${key}=hostile #${i}`, { ...sample(), [key]: s }]);
      }
      for (const [what, body] of bodies) {
        calls++;
        const before = await counts();
        let res: Result;
        try {
          res = await action(body);
        } catch (e) {
          problems.push(`${name} ${what}: threw ${e instanceof Error ? e.constructor.name : typeof e}`);
          continue;
        }
        if (res.ok) continue;
        refused++;
        if (res.code === "internal") problems.push(`${name} ${what}: internal`);
        const keys = [res.error, ...Object.values(res.fieldErrors ?? {}).flat().map((k) => (k.includes(".") ? k : `validation.${k}`))];
        for (const k of keys) if (typeof lookup(en, k) !== "string" || typeof lookup(ro, k) !== "string") problems.push(`${name} ${what}: "${k.slice(0, 80)}" is not a message key`);
        const after = await counts();
        for (const tbl of tables) if (after[tbl] !== before[tbl]) problems.push(`${name} ${what}: refused (${res.code}) but ${tbl} went ${before[tbl]} → ${after[tbl]}`);
      }
    }
    console.info(`[fuzz] ${actions.length} actions, ${calls} calls, ${refused} refused, ${problems.length} problems`);
    expect(problems).toEqual([]);
  }, 600_000);

  it("the import's dry run and commit under hostile files and mappings: a refusal or a queued run, never `internal`", async () => {
    const mod = (await import(path.join(APP, "(dashboard)/registrations/actions/import-registrations.ts"))) as Record<string, Action>;
    const problems: string[] = [];
    let calls = 0;
    for (const name of ["previewImportAction", "commitImportAction"]) {
      for (const [file, csv] of HOSTILE_FILES) {
        for (const [mapping, m] of [...HOSTILE_MAPPINGS, ["none", undefined] as [string, unknown]]) {
          calls++;
          const before = await counts();
          const started = performance.now();
          let res: Result;
          try {
            res = await mod[name]!({ csv, mapping: m, ...(name === "commitImportAction" ? { fileName: `${file}.csv` } : {}) });
          } catch (e) {
            problems.push(`${name} ${file} / ${mapping}: threw ${e instanceof Error ? e.constructor.name : typeof e}`);
            continue;
          }
          const ms = performance.now() - started;
          // Bounded work: nothing close to the 11–22 s the quadratic header de-duplication took.
          if (ms > 5_000) problems.push(`${name} ${file} / ${mapping}: took ${ms.toFixed(0)} ms`);
          if (res.ok) continue;
          if (res.code === "internal") problems.push(`${name} ${file} / ${mapping}: internal`);
          const keys = [res.error, ...Object.values(res.fieldErrors ?? {}).flat().map((k) => (k.includes(".") ? k : `validation.${k}`))];
          for (const k of keys) if (typeof lookup(en, k) !== "string" || typeof lookup(ro, k) !== "string") problems.push(`${name} ${file} / ${mapping}: "${k.slice(0, 80)}" is not a message key`);
          const after = await counts();
          for (const tbl of tables) if (after[tbl] !== before[tbl]) problems.push(`${name} ${file} / ${mapping}: refused (${res.code}) but ${tbl} went ${before[tbl]} → ${after[tbl]}`);
        }
      }
    }
    // A dry run's row errors are message keys too, in both languages.
    const preview = await mod.previewImportAction!({ csv: HOSTILE_FILES.find(([f]) => f === "bidi and control characters")![1], mapping: IMPORT_MAPPING });
    expect(preview).toMatchObject({ ok: true });
    const rows = (preview as { data: { rows: { status: string; errors: { message: string }[] }[] } }).data.rows;
    expect(rows.map((r) => r.status)).toEqual(["error"]);
    for (const e of rows.flatMap((r) => r.errors)) {
      const k = e.message.includes(".") ? e.message : `validation.${e.message}`;
      if (typeof lookup(en, k) !== "string" || typeof lookup(ro, k) !== "string") problems.push(`row error "${e.message}" is not a message key`);
    }
    console.info(`[fuzz] import: ${calls} calls with hostile files and mappings, ${problems.length} problems`);
    expect(problems).toEqual([]);
  }, 600_000);
});
