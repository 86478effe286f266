import type { Page } from "@playwright/test";
import type postgres from "postgres";
import { DEMO } from "../fixtures/auth";
import { expect, test } from "../fixtures/test";
import { createCourse, uniqueSuffix } from "./helpers";

// The commit as background work: the import page shows each import's progress and result from the
// database (a reload keeps them), and a second import of the school waits in the queue while one runs.

const HEADER = "Părinte;E-mail;Copil;Curs;Achitat";
const csvFile = (name: string, lines: string[]) => ({ name, mimeType: "text/csv", buffer: Buffer.from(`${lines.join("\r\n")}\r\n`) });

async function commitFile(page: Page, file: ReturnType<typeof csvFile>, summary: string) {
  await page.getByLabel(/choose a file|Choose another file/).setInputFiles(file);
  await expect(page.getByTestId("chosen-file")).toContainText(file.name);
  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(page.getByTestId("dry-run-summary")).toHaveText(summary);
  await page.getByRole("button", { name: "Commit the import" }).click();
  const confirm = page.getByRole("dialog", { name: "Import these rows?" });
  await expect(confirm).toContainText("The import runs in the background");
  await confirm.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-queued")).toHaveText(`The import of ${file.name} is queued: its progress is shown below.`);
}

async function staffSchool(db: postgres.Sql): Promise<string> {
  const [row] = await db<{ orgId: string }[]>`select m.org_id as "orgId" from memberships m join users u on u.id = m.user_id where u.email = ${DEMO.staff}`;
  return row!.orgId;
}

test("an import runs in the background: progress and result on the page, kept after a reload; a second one waits in the queue", async ({ asStaff: page, db }) => {
  const s = uniqueSuffix();
  const course = `Ceramică ${s}`;
  await createCourse(page, { name: course, price: "500", term: `Jobs ${s}`, start: "2026-09-15", end: "2027-06-15" });
  const row = (i: number, paid = "") => `Maria Pop ${s};maria-${s}@exemplu.ro;Ana Pop ${s} ${i};${course};${paid}`;
  await page.goto("/registrations/import");

  // 1. A commit returns at once; the job's result shows in the list of imports, and stays after a reload.
  const first = csvFile(`first-${s}.csv`, [HEADER, row(1, "500"), row(2)]);
  await commitFile(page, first, "1 new client, 2 registrations, 1 payment, none already in Bursar, no errors.");
  const firstRun = page.getByRole("listitem", { name: first.name });
  await expect(firstRun.getByTestId("import-run-state")).toHaveText("Import finished. Added 1 new client, 2 registrations and 1 payment.");
  await page.reload();
  await expect(page.getByRole("listitem", { name: first.name }).getByTestId("import-run-state")).toHaveText("Import finished. Added 1 new client, 2 registrations and 1 payment.");

  // 2. Another import of the school is running (started by a colleague: a run the job holds, 500 of 2,000 done).
  const orgId = await staffSchool(db);
  const [busy] = await db<{ id: string }[]>`
    insert into import_runs (org_id, file_name, csv, mapping, status, total_rows, plan, created_registrations, claim_id, heartbeat_at, started_at)
    values (${orgId}, ${`colleague-${s}.csv`}, '\\x'::bytea, '{}'::jsonb, 'running', 2000,
            '{"create": 2000, "exists": 0, "error": 0, "newClients": 900, "payments": 1500}'::jsonb, 500, gen_random_uuid(), now() + interval '1 hour', now())
    returning id`;
  try {
    await page.reload();
    const colleague = page.getByRole("listitem", { name: `colleague-${s}.csv` });
    await expect(colleague.getByTestId("import-run-state")).toHaveText("Importing: 500 registrations of 2000 added.");
    await expect(colleague.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "500");

    // 3. A second commit of the same school waits in the queue behind it, also after a reload.
    const second = csvFile(`second-${s}.csv`, [HEADER, row(3, "200")]);
    await commitFile(page, second, "No new clients, 1 registration, 1 payment, none already in Bursar, no errors.");
    const secondRun = page.getByRole("listitem", { name: second.name });
    await expect(secondRun.getByTestId("import-run-state")).toHaveText("Waiting in the queue: 1 import before it.");
    await page.reload();
    await expect(page.getByRole("listitem", { name: second.name }).getByTestId("import-run-state")).toHaveText("Waiting in the queue: 1 import before it.");

    // 4. Once the colleague's import is over, the waiting one runs (the job looks again every few seconds).
    await db`update import_runs set status = 'done', finished_at = now(), claim_id = null where id = ${busy!.id}`;
    await expect(page.getByRole("listitem", { name: second.name }).getByTestId("import-run-state")).toHaveText(
      "Import finished. Added no new clients, 1 registration and 1 payment.",
      { timeout: 30_000 },
    );
  } finally {
    await db`update import_runs set status = 'done', finished_at = now(), claim_id = null where id = ${busy!.id} and status = 'running'`;
  }
  const [counts] = await db<{ registrations: number; payments: number }[]>`
    select (select count(*) from registrations where course_name = ${course})::int as registrations,
           (select count(*) from payments p join registrations r on r.id = p.registration_id where r.course_name = ${course} and p.source = 'import')::int as payments`;
  expect(counts).toEqual({ registrations: 3, payments: 2 });
});

test("a run the job refuses shows its rows in error and that nothing was written", async ({ asStaff: page, db }) => {
  const s = uniqueSuffix();
  const course = `Origami ${s}`;
  await createCourse(page, { name: course, price: "300", term: `Jobs ${s}`, start: "2026-09-15", end: "2027-06-15" });
  await page.goto("/registrations/import");
  const file = csvFile(`archived-${s}.csv`, [HEADER, `Ion Pop ${s};;Dan Pop ${s};${course};`]);
  await page.getByLabel("choose a file").setInputFiles(file);
  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(page.getByTestId("dry-run-summary")).toContainText("no errors");
  // Between the dry run on screen and the job, the course is archived: the job's own dry run refuses the row.
  await db`update courses set archived_at = now() where name = ${course}`;
  await page.getByRole("button", { name: "Commit the import" }).click();
  await page.getByRole("dialog", { name: "Import these rows?" }).getByRole("button", { name: "Import" }).click();
  const run = page.getByRole("listitem", { name: file.name });
  await expect(run.getByTestId("import-run-state")).toHaveText(
    "Import stopped: Some rows have errors: correct them in the file (or the column mapping) and try again. Nothing was imported.",
  );
  await expect(run).toContainText("Nothing was imported.");
  await run.getByText("Rows with errors").click();
  await expect(run.getByRole("listitem").filter({ hasText: "Row 2: Course: No active course has this name." })).toBeVisible();
});
