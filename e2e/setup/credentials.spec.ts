import { expect, test } from "../fixtures/test";
import { formAlert } from "../fixtures/auth";
import { connectOwnSandbox } from "../fixtures/own-sandbox";
import { fillCredentials, signUpNewSchool } from "../fixtures/school";

test.describe("SmartBill credentials step", () => {
  test("a wrong token says so, marks the field, and saves nothing", async ({ page, sandbox }) => {
    const acc = await sandbox.newAccount();
    await signUpNewSchool(page);
    await fillCredentials(page, { ...acc, token: "not-the-right-token" });
    await expect(formAlert(page).first()).toContainText("SmartBill did not accept this e-mail and token");
    await expect(formAlert(page).first()).toContainText("SmartBill said: “Autentificare esuata");
    await expect(page.getByLabel("API token")).toHaveAttribute("aria-invalid", "true");
    await page.reload();
    await expect(page.getByText("Connected to SmartBill")).toHaveCount(0);
    await expect(page.getByTestId("step-credentials")).toHaveAttribute("data-state", "current");
  });

  test("a CIF that is not in the account says so", async ({ page, sandbox }) => {
    const acc = await sandbox.newAccount();
    await signUpNewSchool(page);
    await fillCredentials(page, { ...acc, cif: "RO10000008" });
    await expect(formAlert(page).first()).toContainText("this CIF is not a company in that SmartBill account");
    await expect(page.getByLabel("Company CIF")).toHaveAttribute("aria-invalid", "true");
  });

  test("a plan without API access says so", async ({ page, sandbox }) => {
    const acc = await sandbox.newAccount({ apiAccess: false });
    await signUpNewSchool(page);
    await fillCredentials(page, acc);
    await expect(formAlert(page).first()).toContainText("Your SmartBill plan does not include API access");
  });

  test("SmartBill being unreachable says so and keeps the form", async ({ page, sandbox }) => {
    const acc = await sandbox.newAccount();
    await sandbox.control("add-fault", { account: acc.email, kind: "status", path: "*", status: 503, count: 10, body: "<html>503 Service Unavailable</html>", contentType: "text/html" });
    await signUpNewSchool(page);
    await fillCredentials(page, acc);
    await expect(formAlert(page).first()).toContainText("SmartBill could not be reached just now. Nothing was saved.");
    await expect(page.getByLabel("SmartBill login e-mail")).toHaveValue(acc.email);
    await sandbox.control("clear-faults", { account: acc.email });
    await page.getByRole("button", { name: "Verify and save" }).click();
    await expect(page.getByText(/Connected to SmartBill as .* for CIF/)).toBeVisible();
  });

  test("a company that is not a VAT payer is accepted and switches the VAT mode", async ({ page, sandbox }) => {
    const acc = await sandbox.newAccount({ vatPayer: false });
    await signUpNewSchool(page);
    await fillCredentials(page, acc);
    await expect(page.getByText("SmartBill says this company is not a VAT payer")).toBeVisible();
    await expect(page.getByText(`Connected to SmartBill as ${acc.email} for CIF ${acc.cif} (token ending in ${acc.token.slice(-4)})`)).toBeVisible();
    await page.reload();
    await expect(page.getByText(`Connected to SmartBill as ${acc.email}`)).toBeVisible();
  });

  test("the sandbox connects in one click to an account of the school's own and shows the badge", async ({ page }) => {
    await signUpNewSchool(page);
    const own = await connectOwnSandbox(page);
    expect(own.email).toMatch(/^school-.+@sandbox\.smartbill\.test$/);
    expect(own.cif).not.toBe("RO12345674");
    await expect(page.getByTestId("sandbox-badge")).toBeVisible();
    // Another school gets another account and company.
    await page.context().clearCookies();
    await signUpNewSchool(page);
    const other = await connectOwnSandbox(page);
    expect([other.email, other.cif]).not.toEqual([own.email, own.cif]);
    expect(other.cif).not.toBe(own.cif);
  });

  test("leaving mid-way and coming back resumes at the right step; Back works", async ({ page }) => {
    await signUpNewSchool(page);
    await page.getByRole("button", { name: "Use the sandbox" }).click();
    await page.getByRole("link", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/setup\/generation$/);
    await page.getByLabel("Manual").check();
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page).toHaveURL(/\/setup\/profiles$/);

    await page.getByRole("link", { name: "Invoices" }).first().click();
    await expect(page).toHaveURL(/\/invoices$/);
    await page.getByRole("link", { name: "SmartBill setup" }).click();
    await expect(page).toHaveURL(/\/setup\/profiles$/);
    await expect(page.getByTestId("step-credentials")).toHaveAttribute("data-state", "done");
    await expect(page.getByTestId("step-generation")).toHaveAttribute("data-state", "done");
    await expect(page.getByTestId("step-series")).toHaveAttribute("data-state", "todo");

    // Back shows the saved choice; a step not reached yet cannot be opened by URL. The page never writes:
    // it records the visit with a server action once shown.
    const remembered = page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/setup/generation"));
    await page.goto("/setup/generation");
    await remembered;
    await expect(page.getByLabel("Manual")).toBeChecked();
    await page.goto("/setup/review");
    await expect(page).toHaveURL(/\/setup\/generation$/);
  });

  test("staff and accountants cannot open the wizard", async ({ asStaff, asAccountant }) => {
    for (const [who, page] of [["staff", asStaff], ["accountant", asAccountant]] as const) {
      for (const path of ["/setup", "/setup/credentials", "/settings/billing"]) {
        expect((await page.goto(path))?.status(), `${who} ${path}`).toBe(403);
      }
    }
  });
});
