// Wizard steps 3 and 4: billing profiles (validation, prefill, default switching, archive) and number
// series picked live from SmartBill (next numbers, Refresh, a SmartBill outage and its retry).
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { connectOwnSandbox } from "../fixtures/own-sandbox";
import { fillCredentials, signUpNewSchool } from "../fixtures/school";

const SCHOOL = "Școala de Dans Arabesque";
const CLUB = "Clubul Sportiv Arabesque";

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

async function passGeneration(page: Page) {
  await expect(page).toHaveURL(/\/setup\/generation$/);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/setup\/profiles$/);
}

async function addProfile(page: Page, p: { companyName?: string; cif: string; iban?: string; vatPayer?: boolean }) {
  const trigger = page.getByRole("button", { name: /^Add (profile|the first profile)$/ });
  await trigger.click();
  const dialog = page.getByRole("dialog", { name: "Add a billing profile" });
  if (p.companyName) await dialog.getByLabel("Company name *").fill(p.companyName);
  await dialog.getByLabel("CIF *").fill(p.cif);
  if (p.iban !== undefined) await dialog.getByLabel("IBAN").fill(p.iban);
  if (p.vatPayer === false) await dialog.getByLabel("The company is a VAT payer").uncheck();
  await dialog.getByRole("button", { name: "Save profile" }).click();
  await expect(dialog).toBeHidden();
}

const card = (page: Page, name: string) => page.getByRole("list", { name: "Your billing profiles" }).getByRole("listitem", { name });

test("an admin adds billing profiles, moves the default, and picks a SmartBill series for each", async ({ page, db }) => {
  await signUpNewSchool(page, SCHOOL);
  const own = await connectOwnSandbox(page);
  await page.getByRole("link", { name: "Continue" }).click();
  await passGeneration(page);

  // Empty state: nothing to continue with yet.
  await expect(page.getByRole("heading", { name: "No billing profile yet" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save and continue" })).toBeDisabled();
  await shot(page, "1-profiles-empty");

  // The first profile is prefilled from the connection; a mistyped CIF and IBAN are caught.
  await page.getByRole("button", { name: "Add the first profile" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a billing profile" });
  await expect(dialog.getByText("Prefilled from your SmartBill connection")).toBeVisible();
  await expect(dialog.getByLabel("Company name *")).toHaveValue(SCHOOL);
  await expect(dialog.getByLabel("CIF *")).toHaveValue(own.cif);
  await dialog.getByLabel("CIF *").fill("RO12345678");
  await expect(dialog.getByLabel("Country")).toHaveValue("Romania");
  await expect(dialog.getByLabel("Currency")).toHaveValue("RON");
  await expect(dialog.getByLabel("The company is a VAT payer")).toBeChecked();
  await dialog.getByLabel("IBAN").fill("RO49 AAAA 1B31 0075 9384 0001");
  await dialog.getByRole("button", { name: "Save profile" }).click();
  await expect(dialog.getByText("This CIF is not valid")).toBeVisible();
  await expect(dialog.getByText("This IBAN is not valid")).toBeVisible();
  await expect(dialog.getByLabel("CIF *")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByLabel("CIF *")).toBeFocused();
  await shot(page, "2-profile-form-errors");

  await dialog.getByLabel("CIF *").fill("RO12345674");
  await dialog.getByLabel("IBAN").fill("RO49 AAAA 1B31 0075 9384 0000");
  await dialog.getByLabel("City").fill("Cluj-Napoca");
  await dialog.getByRole("button", { name: "Save profile" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Profile “${SCHOOL}” added.`)).toBeVisible();
  await expect(card(page, SCHOOL)).toContainText("Default");
  await expect(card(page, SCHOOL)).toContainText("RO49 AAAA 1B31 0075 9384 0000");
  await expect(card(page, SCHOOL)).toContainText("No series yet");

  // Escape closes the form and gives focus back to the button that opened it.
  await page.getByRole("button", { name: "Add profile" }).click();
  await expect(page.getByRole("dialog", { name: "Add a billing profile" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add profile" })).toBeFocused();

  // A second profile is not the default until asked; then exactly one is.
  await addProfile(page, { companyName: CLUB, cif: "41144780", vatPayer: false });
  await expect(card(page, CLUB)).not.toContainText("Default");
  await expect(card(page, CLUB)).toContainText("Not a VAT payer");
  await card(page, CLUB).getByRole("button", { name: "Make default" }).click();
  await expect(page.getByText(`“${CLUB}” is now the default profile.`)).toBeVisible();
  await expect(card(page, CLUB)).toContainText("Default");
  await expect(card(page, CLUB).getByRole("button", { name: "Edit" })).toBeFocused();
  await expect(card(page, SCHOOL).getByRole("button", { name: "Make default" })).toBeVisible();
  await expect(card(page, CLUB).getByRole("button", { name: "Archive" })).toHaveCount(0);

  // Editing keeps the form's values; archiving asks first and hides the profile.
  await card(page, SCHOOL).getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: `Edit ${SCHOOL}` });
  await expect(edit.getByLabel("City")).toHaveValue("Cluj-Napoca");
  await edit.getByLabel("Payment due (days)").fill("");
  await edit.getByRole("button", { name: "Save profile" }).click();
  await expect(edit.getByText("Enter a whole number of days between 0 and 365.")).toBeVisible();
  await edit.getByLabel("Payment due (days)").fill("30");
  await edit.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText(`Profile “${SCHOOL}” saved.`)).toBeVisible();

  await addProfile(page, { companyName: "Profil Temporar SRL", cif: "RO12345674" });
  await card(page, "Profil Temporar SRL").getByRole("button", { name: "Archive" }).click();
  const confirm = page.getByRole("dialog", { name: "Archive “Profil Temporar SRL”?" });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(card(page, "Profil Temporar SRL")).toBeVisible();
  await card(page, "Profil Temporar SRL").getByRole("button", { name: "Archive" }).click();
  await confirm.getByRole("button", { name: "Archive profile" }).click();
  await expect(page.getByText("Profile “Profil Temporar SRL” archived.")).toBeVisible();
  await expect(card(page, "Profil Temporar SRL")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Billing profiles" })).toBeFocused();
  await expect(page.getByRole("list", { name: "Your billing profiles" }).getByRole("listitem")).toHaveCount(2);
  await shot(page, "3-profiles-list");

  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/setup\/series$/);
  await expect(page.getByTestId("step-profiles")).toHaveAttribute("data-state", "done");

  // Series: listed live, with their next numbers; SmartBill is where they are created.
  await expect(page.getByText("Series are created in SmartBill, not in Bursar")).toBeVisible();
  await expect(page.getByText("SmartBill → Configurare → Serii documente").first()).toBeVisible();
  const schoolSeries = page.getByLabel(`Invoice series for ${SCHOOL}`);
  const clubSeries = page.getByLabel(`Invoice series for ${CLUB}`);
  await expect(schoolSeries.getByRole("option", { name: /^BRS — next number \d+$/ })).toHaveCount(1);
  await expect(schoolSeries.getByRole("option", { name: /^PRF/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByText("Choose a series for every billing profile before continuing.")).toBeVisible();

  await schoolSeries.selectOption("BRS");
  const brs = (await schoolSeries.locator("option:checked").textContent())!.match(/next number (\d+)/)![1];
  await expect(page.getByText(`Next invoice number in BRS: ${brs}`)).toBeVisible();
  await page.getByRole("button", { name: `Save the series for ${SCHOOL}` }).click();
  await expect(page.getByText(`Saved: invoices of “${SCHOOL}” are numbered in BRS.`)).toBeVisible();

  await clubSeries.selectOption("BRSC");
  const brsc = (await clubSeries.locator("option:checked").textContent())!.match(/next number (\d+)/)![1];
  await expect(page.getByText(`Next invoice number in BRSC: ${brsc}`)).toBeVisible();
  await shot(page, "4-series-chosen");

  await page.getByRole("button", { name: "Refresh", exact: true }).click();
  await expect(page.getByRole("button", { name: "Refresh", exact: true })).toBeEnabled();
  await expect(page.getByText(/Listed live from SmartBill at/)).toBeVisible();
  await expect(clubSeries).toHaveValue("BRSC");

  // The club's choice is saved by "Save and continue".
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/setup\/vat$/);
  await expect(page.getByTestId("step-series")).toHaveAttribute("data-state", "done");

  const stored = await db<{ company_name: string; is_default: boolean; series_name: string | null; archived: boolean; due_days: number }[]>`
    select company_name, is_default, series_name, archived_at is not null as archived, due_days from billing_profiles
    where org_id = (select org_id from billing_profiles where company_name = ${CLUB} order by created_at desc limit 1)
    order by created_at`;
  expect([...stored]).toEqual([
    { company_name: SCHOOL, is_default: false, series_name: "BRS", archived: false, due_days: 30 },
    { company_name: CLUB, is_default: true, series_name: "BRSC", archived: false, due_days: 15 },
    { company_name: "Profil Temporar SRL", is_default: false, series_name: null, archived: true, due_days: 15 },
  ]);
});

test("series follow SmartBill live: Refresh shows new series and numbers, an outage says so and retries", async ({ page, sandbox }) => {
  const acc = await sandbox.newAccount();
  await signUpNewSchool(page, "Școala Live");
  await fillCredentials(page, acc);
  await page.getByRole("link", { name: "Continue" }).click();
  await passGeneration(page);
  await addProfile(page, { cif: "RO12345674" });
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/setup\/series$/);

  const select = page.getByLabel("Invoice series for Școala Live");
  await expect(select.getByRole("option", { name: "FB — next number 1" })).toHaveCount(1);

  // Changed "in SmartBill": a new series and a moved number; Refresh shows its loading state, then them.
  await sandbox.control("upsert-series", { cif: acc.cif, name: "FBX", type: "f", nextNumber: 7 });
  await sandbox.control("set-next-number", { cif: acc.cif, seriesName: "FB", nextNumber: 42 });
  await sandbox.control("add-fault", { account: acc.email, kind: "latency", path: "/series", ms: 1500, count: 1 });
  await page.getByRole("button", { name: "Refresh", exact: true }).click();
  await expect(page.getByRole("button", { name: "Refreshing…" })).toBeDisabled();
  await expect(select.getByRole("option", { name: "FB — next number 42" })).toHaveCount(1);
  await expect(select.getByRole("option", { name: "FBX — next number 7" })).toHaveCount(1);

  // SmartBill down: a plain message, SmartBill's own text, and a retry; never an error page.
  await sandbox.control("add-fault", {
    account: acc.email,
    kind: "status",
    path: "/series",
    status: 503,
    count: 10,
    body: { errorText: "Serviciul este momentan indisponibil." },
    contentType: "application/json",
  });
  await page.getByRole("button", { name: "Refresh", exact: true }).click();
  const alert = page.getByRole("alert").filter({ hasText: "SmartBill could not be reached just now" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("SmartBill said: “Serviciul este momentan indisponibil.”");
  await expect(select).toBeDisabled();
  await shot(page, "5-series-outage");

  await sandbox.control("clear-faults", { account: acc.email });
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(alert).toHaveCount(0);
  await select.selectOption("FBX");
  await expect(page.getByText("Next invoice number in FBX: 7")).toBeVisible();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/setup\/vat$/);
});
