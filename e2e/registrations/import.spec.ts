import type postgres from "postgres";
import { expect, test } from "../fixtures/test";
import { createCourse, uniqueSuffix } from "./helpers";

const HEADER = "Părinte;E-mail;Copil;Curs;Preț;Achitat;Data plății;Localitate;Județ";
const csvFile = (lines: string[], name = "scoala.csv") => ({ name, mimeType: "text/csv", buffer: Buffer.from(`${lines.join("\r\n")}\r\n`) });

async function countsFor(db: postgres.Sql, email: string) {
  const [row] = await db<{ clients: number; registrations: number; payments: number }[]>`
    select (select count(*) from clients where email = ${email})::int as clients,
           (select count(*) from registrations r join clients c on c.id = r.client_id where c.email = ${email})::int as registrations,
           (select count(*) from payments p join registrations r on r.id = p.registration_id join clients c on c.id = r.client_id
             where c.email = ${email} and p.source = 'import')::int as payments`;
  return row!;
}

test("staff import a CSV: a bad row's errors by row number, a corrected file commits, the same file again creates nothing", async ({ asStaff: page, db }) => {
  const s = uniqueSuffix();
  const course = `Teatru ${s}`;
  const email = `maria-${s}@exemplu.ro`;
  await createCourse(page, { name: course, price: "600", term: `Import ${s}`, start: "2026-09-15", end: "2027-06-15" });
  const ana = `Maria Ionescu ${s};${email};Ana Ionescu ${s};${course};1.234,50;300,00;20.09.2026;Sector 3;București`;
  const radu = `Maria Ionescu ${s};${email};Radu Ionescu ${s};${course};;;;Sector 3;București`;
  const bad = `Ion Pop ${s};;Mihai Pop ${s};${course};-5;;;București;București`;

  await page.goto("/registrations");
  await page.getByRole("link", { name: "Import CSV" }).click();
  await expect(page.getByRole("heading", { name: "Import registrations from a CSV file" })).toBeVisible();
  await page.getByLabel("choose a file").setInputFiles(csvFile([HEADER, ana, bad, radu]));
  await expect(page.getByTestId("chosen-file")).toHaveText("scoala.csv: 3 data rows, 9 columns");
  // The header words are recognised: the required fields come prefilled.
  await expect(page.getByLabel("Client (payer) name (required)")).toHaveValue("Părinte");
  await expect(page.getByLabel("Participant (child) (required)")).toHaveValue("Copil");
  await expect(page.getByLabel("Course (required)")).toHaveValue("Curs");

  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(page.getByTestId("dry-run-summary")).toHaveText(
    "1 new client, 2 registrations, 1 payment, none already in Bursar, 1 row with errors.",
  );
  const errors = page.getByRole("list", { name: "Row 3: 2 errors" });
  await expect(errors).toContainText("Price (lei): The amount must be more than zero.");
  await expect(errors).toContainText("City (Sector 1–6 in București): For an address in București, write the sector as the city");
  await expect(page.getByRole("row").filter({ hasText: `Ana Ionescu ${s}` })).toContainText("New registration");
  await expect(page.getByRole("button", { name: "Commit the import" })).toBeDisabled();

  // The school removes the bad row and chooses the file again.
  await page.getByLabel("Choose another file").setInputFiles(csvFile([HEADER, ana, radu], `import-${s}.csv`));
  await expect(page.getByTestId("chosen-file")).toHaveText(`import-${s}.csv: 2 data rows, 9 columns`);
  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(page.getByTestId("dry-run-summary")).toHaveText("1 new client, 2 registrations, 1 payment, none already in Bursar, no errors.");
  expect(await countsFor(db, email)).toEqual({ clients: 0, registrations: 0, payments: 0 });
  await page.getByRole("button", { name: "Commit the import" }).click();
  const confirm = page.getByRole("dialog", { name: "Import these rows?" });
  await expect(confirm).toContainText("1 new client, 2 registrations and 1 payment");
  await confirm.getByRole("button", { name: "Import" }).click();
  // The commit queues a background import; its result shows in the list of imports.
  await expect(page.getByTestId("import-queued")).toHaveText(`The import of import-${s}.csv is queued: its progress is shown below.`);
  const run = page.getByRole("listitem", { name: `import-${s}.csv` });
  await expect(run.getByTestId("import-run-state")).toHaveText("Import finished. Added 1 new client, 2 registrations and 1 payment.");
  expect(await countsFor(db, email)).toEqual({ clients: 1, registrations: 2, payments: 1 });

  await run.getByRole("link", { name: "See the registrations" }).click();
  await expect(page).toHaveURL(/\/registrations$/);
  await page.goto(`/registrations?q=${encodeURIComponent(`Ionescu ${s}`)}`);
  await expect(page.getByRole("row").filter({ hasText: `Ana Ionescu ${s}` })).toContainText("Partially paid");
  await expect(page.getByRole("row").filter({ hasText: `Radu Ionescu ${s}` })).toContainText("Not paid");

  // The same file again: the dry run finds nothing new and the commit adds nothing.
  await page.goto("/registrations/import");
  await page.getByLabel("choose a file").setInputFiles(csvFile([HEADER, ana, radu], `again-${s}.csv`));
  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(page.getByTestId("dry-run-summary")).toHaveText("No new clients, no registrations, no payments, 2 rows already in Bursar, no errors.");
  await expect(page.getByText("Nothing new: every row of this file is already in Bursar.")).toBeVisible();
  await page.getByRole("button", { name: "Commit the import" }).click();
  await page.getByRole("dialog", { name: "Import these rows?" }).getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("listitem", { name: `again-${s}.csv` }).getByTestId("import-run-state")).toHaveText(
    "Import finished. Added no new clients, no registrations and no payments. 2 rows were already in Bursar.",
  );
  expect(await countsFor(db, email)).toEqual({ clients: 1, registrations: 2, payments: 1 });
});

test("a file dropped on the zone is read like a chosen one; what is not a CSV file is refused before sending", async ({ asStaff: page }) => {
  await page.goto("/registrations/import");
  const drop = async (name: string, type: string, text: string) => {
    const dataTransfer = await page.evaluateHandle(
      ({ name, type, text }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], name, { type }));
        return dt;
      },
      { name, type, text },
    );
    await page.getByTestId("import-dropzone").dispatchEvent("drop", { dataTransfer });
  };
  await drop("poza.png", "image/png", "not a table");
  await expect(page.getByRole("alert").filter({ hasText: "This is not a CSV file." })).toBeVisible();
  await drop("scoala.csv", "text/csv", `${HEADER}\r\n`);
  await expect(page.getByTestId("chosen-file")).toHaveText("scoala.csv: no data rows, 9 columns");
  await expect(page.getByText("The file has a header row but no data rows below it")).toBeVisible();
  await expect(page.getByRole("button", { name: "Dry run" })).toHaveCount(0);
  await drop("scoala.csv", "text/csv", `${HEADER}\r\nAna Pop;;Ion Pop;Curs inexistent;;;;;\r\n`);
  await expect(page.getByTestId("chosen-file")).toHaveText("scoala.csv: 1 data row, 9 columns");
  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(page.getByRole("list", { name: "Row 2: 1 error" })).toContainText("Course: No active course has this name.");
});

test("the template downloads as a CSV named for Bursar", async ({ asStaff: page }) => {
  await page.goto("/registrations/import");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download template" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("bursar-import-template.csv");
  const chunks: Buffer[] = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  expect(text.startsWith("\uFEFFClient,E-mail,Telefon")).toBe(true);
  expect(text).toContain("București");
});

test("accountants get no import link, and the page and the template are refused", async ({ asAccountant: page }) => {
  await page.goto("/registrations");
  await expect(page.getByRole("heading", { name: "Registrations" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Import CSV" })).toHaveCount(0);
  expect((await page.goto("/registrations/import"))?.status()).toBe(403);
  await expect(page.getByLabel("choose a file")).toHaveCount(0);
  expect((await page.request.get("/registrations/import/template")).status()).toBe(403);
});
