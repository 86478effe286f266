// The VAT levels step as a new school: connect the sandbox, Synchronize, choose default levels, then
// change the levels "in SmartBill" (the sandbox's control API) and see exactly that change reported.
import type { Page } from "@playwright/test";
import type postgres from "postgres";
import { expect, test } from "../fixtures/test";
import { uniqueEmail } from "../fixtures/auth";
import { connectOwnSandbox } from "../fixtures/own-sandbox";

const DEMO_TAXES = [
  { name: "Normala", percentage: 21 },
  { name: "Redusa", percentage: 11 },
  { name: "Taxare inversa", percentage: 0 },
  { name: "Scutit", percentage: 0 },
];
const SHOTS = process.env.VAT_SHOTS_DIR;

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** Signs up a new school and connects it to a sandbox account of its own; returns both. */
async function signUpAndConnect(page: Page): Promise<{ email: string; own: { email: string; cif: string } }> {
  const email = uniqueEmail("vat");
  await page.goto("/sign-up");
  await page.getByLabel("School name").fill("Școala de Muzică Allegro");
  await page.getByLabel("Your name").fill("Maria Ionescu");
  await page.getByLabel("Work e-mail").fill(email);
  await page.getByLabel("Password").fill("a-good-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/setup(\/credentials)?$/);
  await page.goto("/setup/credentials");
  const own = await connectOwnSandbox(page);
  await page.getByRole("link", { name: "Continue", exact: true }).click();
  await expect(page).toHaveURL(/\/setup\/generation$/);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/setup\/profiles$/);
  return { email, own };
}

/** The Billing profiles and Number series steps are being built elsewhere: stand in for them in the database. */
async function seedProfilesAndSeries(sql: postgres.Sql, { email, own }: Awaited<ReturnType<typeof signUpAndConnect>>, profiles: { name: string; isDefault: boolean; series: string }[]) {
  const [member] = await sql<{ org_id: string }[]>`
    select m.org_id from memberships m join users u on u.id = m.user_id where u.email = ${email}`;
  const orgId = member!.org_id;
  for (const p of profiles) {
    await sql`
      insert into billing_profiles (org_id, is_default, company_name, cif, series_name)
      values (${orgId}, ${p.isDefault}, ${p.name}, ${own.cif}, ${p.series})`;
  }
  await sql`
    update setup_progress
    set completed_steps = array(select distinct s from unnest(completed_steps || array['profiles', 'series']) s), current_step = 'vat'
    where org_id = ${orgId}`;
}

test("Synchronize reports what changed in SmartBill and flags the profiles it affects", async ({ page, sandbox, db }) => {
  const school = await signUpAndConnect(page);
  const { own } = school;
  await sandbox.control("set-taxes", { cif: own.cif, taxes: DEMO_TAXES });
  await seedProfilesAndSeries(db, school, [
    { name: "Allegro Educație SRL", isDefault: true, series: "BRS" },
    { name: "Allegro Evenimente SRL", isDefault: false, series: "BRSC" },
  ]);

  await page.goto("/setup/vat");
  await expect(page.getByRole("heading", { name: "VAT levels", level: 2 })).toBeVisible();
  const levels = page.getByRole("table", { name: /Current VAT levels/ });
  const changes = page.getByRole("region", { name: "What changed at the last synchronisation" });
  const a = page.getByLabel("Default VAT level for Allegro Educație SRL");
  const b = page.getByLabel("Default VAT level for Allegro Evenimente SRL");
  const continueButton = page.getByRole("button", { name: "Save and continue" });

  await test.step("the first visit brings the levels in by itself", async () => {
    await expect(levels).toHaveAccessibleName("Current VAT levels (4)");
    await expect(changes).toHaveText("First synchronisation: 4 VAT levels brought in.");
    await expect(page.getByText(/^Last synchronised:/)).toBeVisible();
    for (const [name, rate] of [["Normala", "21%"], ["Redusa", "11%"], ["Taxare inversa", "0%"], ["Scutit", "0%"]]) {
      await expect(levels.getByRole("row", { name: `${name} ${rate}` })).toBeVisible();
    }
    await shot(page, "1-first-sync");
  });

  await test.step("the VAT mode warns when it contradicts SmartBill", async () => {
    await expect(page.getByRole("radio", { name: "VAT payer, prices include VAT" })).toBeChecked();
    await page.getByRole("radio", { name: "Not a VAT payer" }).check();
    await expect(page.getByText(/SmartBill says this company is a VAT payer/)).toBeVisible();
    await expect(page.getByText("Not a VAT payer: invoices carry no VAT, so the billing profiles need no default level.")).toBeVisible();
    await expect(a).toBeHidden();
    await page.getByRole("radio", { name: "VAT payer, VAT added to prices" }).check();
    await expect(page.getByText(/SmartBill says this company is a VAT payer/)).toBeHidden();
  });

  await test.step("every profile needs a default level to continue", async () => {
    await continueButton.click();
    await expect(page.getByText("Choose the default VAT level for this profile.")).toHaveCount(2);
    await expect(a).toBeFocused();
    await a.selectOption({ label: "Redusa — 11%" });
    await b.selectOption({ label: "Normala — 21%" });
    await continueButton.click();
    await expect(page).toHaveURL(/\/setup\/bank$/);
  });

  await test.step("the saved choices come back", async () => {
    await page.getByRole("link", { name: /VAT levels/ }).click();
    await expect(page).toHaveURL(/\/setup\/vat$/);
    await expect(page.getByRole("radio", { name: "VAT payer, VAT added to prices" })).toBeChecked();
    await expect(a).toHaveValue("Redusa");
    await expect(b).toHaveValue("Normala");
    await page.getByRole("button", { name: "Synchronize" }).click();
    await expect(changes).toHaveText("No changes since the previous synchronisation.");
  });

  await test.step("levels changed in SmartBill: Synchronize shows exactly that", async () => {
    await sandbox.control("set-taxes", {
      cif: own.cif,
      taxes: [
        { name: "Normala", percentage: 19 },
        { name: "Taxare inversa", percentage: 0 },
        { name: "Scutit", percentage: 0 },
        { name: "Cota speciala", percentage: 5 },
      ],
    });
    await page.getByRole("button", { name: "Synchronize" }).click();
    await expect(changes).toContainText("Changes since the previous synchronisation:");
    await expect(changes.getByRole("definition")).toHaveText(["Cota speciala (5%)", "Redusa (11%)", "Normala: 21% → 19%"]);
    await expect(changes.getByRole("term")).toHaveText(["Added:", "Removed:", "Changed:"]);
    await expect(levels).toHaveAccessibleName("Current VAT levels (4)");
    await expect(levels.getByRole("row", { name: "Redusa 11%" })).toHaveCount(0);
    await expect(levels.getByRole("row", { name: "Normala 19%" })).toBeVisible();
    await expect(levels.getByRole("row", { name: "Cota speciala 5%" })).toBeVisible();
  });

  await test.step("the profiles whose default went away are flagged", async () => {
    const rowA = page.getByTestId("vat-profile-row").filter({ hasText: "Allegro Educație SRL" });
    const rowB = page.getByTestId("vat-profile-row").filter({ hasText: "Allegro Evenimente SRL" });
    await expect(rowA.getByText("Level removed in SmartBill")).toBeVisible();
    await expect(a).toHaveAccessibleDescription(/Its default level “Redusa” \(11%\) is no longer in SmartBill/);
    await expect(rowB.getByText("Rate changed in SmartBill")).toBeVisible();
    await expect(b).toHaveAccessibleDescription(/changed in SmartBill from 21% to 19%/);
    await expect(a).toHaveValue("");
    await shot(page, "2-changes-flagged");

    await continueButton.click();
    await expect(page.getByText("Choose the default VAT level for this profile.")).toHaveCount(2);
    await a.selectOption({ label: "Cota speciala — 5%" });
    await b.selectOption({ label: "Normala — 19%" });
    await expect(rowA.getByText("Level removed in SmartBill")).toBeHidden();
    await continueButton.click();
    await expect(page).toHaveURL(/\/setup\/bank$/);
  });

  await test.step("a SmartBill failure is explained, with SmartBill's own words", async () => {
    await sandbox.control("add-fault", { account: own.email, kind: "error_text_200", path: "/tax", errorText: "Eroare de test la cote." });
    await page.goto("/setup/vat");
    await page.getByRole("button", { name: "Synchronize" }).click();
    const alert = page.getByRole("region", { name: "VAT levels in SmartBill" }).getByRole("alert");
    await expect(alert).toContainText("SmartBill answered in a way Bursar did not expect, so nothing changed.");
    await expect(alert).toContainText("SmartBill said: “Eroare de test la cote.”");
    await expect(changes).toContainText("Changes since the previous synchronisation:");
    await shot(page, "3-failure");
  });
});

test("without billing profiles the step says so plainly; Synchronize shows that it is busy", async ({ page, sandbox, db }) => {
  const school = await signUpAndConnect(page);
  await seedProfilesAndSeries(db, school, []);

  await page.goto("/setup/vat");
  await expect(page.getByRole("table", { name: "Current VAT levels (4)" })).toBeVisible();
  const defaults = page.getByRole("region", { name: "Default VAT level per billing profile" });
  await expect(defaults.getByRole("heading", { name: "No billing profiles yet" })).toBeVisible();
  await expect(defaults.getByRole("link", { name: "Go to Billing profiles" })).toHaveAttribute("href", "/setup/profiles");

  await sandbox.control("add-fault", { account: school.own.email, kind: "latency", path: "/tax", ms: 1_500 });
  const button = page.getByRole("button", { name: "Synchronize" });
  await button.click();
  await expect(button).toBeDisabled();
  await expect(page.getByRole("status").filter({ hasText: "Reading the VAT levels from SmartBill…" })).toBeVisible();
  await shot(page, "4-busy-no-profiles");
  await expect(button).toBeEnabled();
  await expect(page.getByRole("region", { name: "What changed at the last synchronisation" })).toHaveText("No changes since the previous synchronisation.");

  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/setup\/bank$/);
});
