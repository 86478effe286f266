// A Romanian reader sees every refusal and every SmartBill failure in Romanian: a forbidden page, a
// wrong token, SmartBill unreachable, a failed test draft, and the stored last error on the settings
// page. Each page is checked for the English texts of the keys involved and a few English words.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { DEMO, formAlert, signIn } from "../fixtures/auth";
import { newSandboxAccount, sandbox } from "../fixtures/sandbox";
import { fillCredentials, signUpNewSchool } from "../fixtures/school";

type Tree = { [k: string]: string | Tree };
const MESSAGES = path.resolve(import.meta.dirname, "../../messages");
function catalogue(locale: "en" | "ro"): Tree {
  const base = JSON.parse(fs.readFileSync(path.join(MESSAGES, `${locale}.json`), "utf8")) as Tree;
  for (const f of fs.readdirSync(path.join(MESSAGES, locale))) base[f.replace(/\.json$/, "")] = JSON.parse(fs.readFileSync(path.join(MESSAGES, locale, f), "utf8")) as Tree;
  return base;
}
const en = catalogue("en");
const ro = catalogue("ro");
const get = (tree: Tree, key: string) => key.split(".").reduce<string | Tree>((n, k) => (n as Tree)[k]!, tree);
const leaves = (t: string | Tree): string[] => (typeof t === "string" ? [t] : Object.values(t).flatMap(leaves));
const RO = (key: string) => get(ro, key) as string;

// The English copy a failure could show, and words no Romanian sentence here contains.
const ENGLISH = [...leaves(get(en, "errors")), ...leaves(get(en, "smartbill.errors")), ...leaves(get(en, "setup.credentials.failure")), ...leaves(get(en, "forbidden"))]
  .map((s) => s.replace(/\{[^}]*\}.*$/, "").trim())
  .filter((s) => s.length > 12);
const ENGLISH_WORDS = /\b(the|your|please|could not|was not|did not|try again|something went wrong|not allowed|failed|error)\b/i;

async function expectNoEnglish(page: Page) {
  const text = await page.locator("body").innerText();
  for (const sentence of ENGLISH) expect(text, `English on ${page.url()}`).not.toContain(sentence);
  expect(text.match(ENGLISH_WORDS)?.[0], `English word on ${page.url()}`).toBeUndefined();
}

async function useLocale(context: BrowserContext, page: Page, locale: "en" | "ro") {
  await context.addCookies([{ name: "bursar_locale", value: locale, url: new URL(page.url()).origin }]);
  await page.reload();
}

test.describe("errors in Romanian", () => {
  test("a refused action and a refused page read in Romanian", async ({ page, browser }) => {
    // The staff member is made admin for a moment, opens the team page, and is demoted while it is open.
    await signIn(page, DEMO.admin);
    await page.goto("/settings/team");
    const staffRow = page.getByTestId(`member-${DEMO.staff}`);
    await staffRow.getByRole("combobox").selectOption("admin");
    await expect(staffRow.getByRole("status")).toBeVisible();

    const staffContext = await browser.newContext();
    const staff = await staffContext.newPage();
    try {
      await signIn(staff, DEMO.staff);
      await useLocale(staffContext, staff, "ro");
      await staff.goto("/settings/team");
      // Submitting before hydration would post the form natively and reload the (now forbidden) page.
      await staff.waitForLoadState("networkidle");
      await staffRow.getByRole("combobox").selectOption("staff");
      await expect(staffRow.getByRole("status")).toBeVisible();

      await staff.getByLabel(RO("team.invite.email"), { exact: true }).fill("cineva@scoala.ro");
      await staff.getByRole("button", { name: RO("team.invite.submit") }).click();
      await expect(formAlert(staff).first()).toHaveText(RO("errors.forbidden"));
      await expectNoEnglish(staff);

      await staff.goto("/settings/billing");
      await expect(staff.getByRole("heading", { name: RO("forbidden.title") })).toBeVisible();
      await expectNoEnglish(staff);
    } finally {
      await staffContext.close();
    }
  });

  test("a wrong token, SmartBill unreachable and a failed test draft read in Romanian", async ({ page, context, request }) => {
    test.setTimeout(120_000);
    const acc = await newSandboxAccount(request);
    await signUpNewSchool(page, "Școala Poliglot");
    await useLocale(context, page, "ro");
    const verify = () => page.getByRole("button", { name: RO("setup.credentials.verify") }).click();

    await test.step("wrong token", async () => {
      await page.getByLabel(RO("setup.credentials.username")).fill(acc.email);
      await page.getByLabel(RO("setup.credentials.token")).fill("not-the-right-token");
      await page.getByLabel(RO("setup.credentials.cif")).fill(acc.cif);
      await verify();
      await expect(formAlert(page).first()).toContainText(RO("setup.credentials.failure.credentials"));
      await expectNoEnglish(page);
    });

    await test.step("SmartBill unreachable", async () => {
      await sandbox(request, "add-fault", { account: acc.email, kind: "status", path: "*", status: 503, count: 10, body: "<html>503</html>", contentType: "text/html" });
      await page.getByLabel(RO("setup.credentials.token")).fill(acc.token);
      await verify();
      await expect(formAlert(page).first()).toContainText(RO("setup.credentials.failure.unreachable"));
      await expectNoEnglish(page);
      await sandbox(request, "clear-faults", { account: acc.email });
    });

    await test.step("the rest of the wizard, in English", async () => {
      await useLocale(context, page, "en");
      await fillCredentials(page, acc);
      await expect(page.getByText(/Connected to SmartBill as .* for CIF/)).toBeVisible();
      await page.goto("/setup/generation");
      await page.getByRole("button", { name: "Save and continue" }).click();
      await expect(page).toHaveURL(/\/setup\/profiles$/);
      await page.getByRole("button", { name: "Add the first profile" }).click();
      const dialog = page.getByRole("dialog", { name: "Add a billing profile" });
      await dialog.getByLabel("CIF *").fill("RO12345674");
      await dialog.getByRole("button", { name: "Save profile" }).click();
      await expect(dialog).toBeHidden();
      await page.getByRole("button", { name: "Save and continue" }).click();
      await expect(page).toHaveURL(/\/setup\/series$/);
      await page.getByLabel("Invoice series for Școala Poliglot").selectOption("FB");
      await page.getByRole("button", { name: "Save and continue" }).click();
      await expect(page).toHaveURL(/\/setup\/vat$/);
      await page.getByLabel("Default VAT level for Școala Poliglot").selectOption({ label: "Normala — 21%" });
      await page.getByRole("button", { name: "Save and continue" }).click();
      await expect(page).toHaveURL(/\/setup\/bank$/);
      await page.getByRole("button", { name: "Skip for now" }).click();
      await expect(page).toHaveURL(/\/setup\/review$/);
    });

    await test.step("a failed test draft", async () => {
      await useLocale(context, page, "ro");
      await sandbox(request, "add-fault", { account: acc.email, kind: "error_text_200", path: "/invoice/v2", errorText: "Seria nu a fost gasita! Verificati seria." });
      await page.getByRole("button", { name: RO("setup.review.testButton") }).click();
      await expect(page.getByText(RO("smartbill.errors.series_not_found"))).toBeVisible();
      await expect(page.getByText("Seria nu a fost gasita!")).toBeVisible();
      await expectNoEnglish(page);
    });

    await test.step("the stored last error follows the reader's language", async () => {
      await page.goto("/settings/billing");
      await expect(page.getByTestId("last-error")).toContainText(RO("smartbill.errors.series_not_found"));
      await expectNoEnglish(page);
      await useLocale(context, page, "en");
      await expect(page.getByTestId("last-error")).toContainText(get(en, "smartbill.errors.series_not_found") as string);
    });
  });
});
